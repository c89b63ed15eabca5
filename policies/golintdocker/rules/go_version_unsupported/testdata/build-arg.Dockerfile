# test-options: build-arg=GO_VERSION=1.20
# The default is current, but the build passes --build-arg GO_VERSION=1.20.
ARG GO_VERSION=1.27
# want: go-version-unsupported "Go 1.20 \(golang:1.20, from --build-arg GO_VERSION\) is past end of support; supported"
FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
