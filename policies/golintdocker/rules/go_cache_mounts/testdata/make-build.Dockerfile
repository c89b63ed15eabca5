# The build runs in make, where no go build shows: a mount on the download
# alone would take the modules out of the layer make builds from, so the
# finding asks for both and offers no edit (no .fixed file).
FROM golang:1.26-alpine AS builder
RUN apk add --no-cache make git
WORKDIR /src
COPY go.mod go.sum ./
# want: go-cache-mounts "RUN on line \d+ runs `go mod download` without a cache mount for the module cache \(/go/pkg/mod\)"
RUN go mod download
COPY . .
RUN make release-binary

FROM alpine:3.22
COPY --from=builder /go/bin/dex /usr/local/bin/dex
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/dex"]
