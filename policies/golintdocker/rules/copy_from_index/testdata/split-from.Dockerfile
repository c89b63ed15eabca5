# The builder's FROM runs over two lines: the fix cannot add `AS name` to
# it as written, so it says what to do and offers no edit.
FROM --platform=$BUILDPLATFORM \
    golang:1.27-alpine
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
# want: copy-from-index "COPY --from=0 refers to stage 0 \(FROM golang:1.27-alpine, which has no name, line \d+\) by number"
COPY --from=0 /out/app /app
ENTRYPOINT ["/app"]
