# test-options: target=test
# Building --target test picks the golang stage: a CI image, and still a Go
# toolchain image as the output.
# want: single-stage-build
FROM golang:1.26 AS test
WORKDIR /src
COPY . .
RUN go test ./...

FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
