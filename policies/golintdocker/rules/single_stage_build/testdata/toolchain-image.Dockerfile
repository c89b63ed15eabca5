# golangci-lint's own image: the binary is built in a builder and copied
# onto golang on purpose, because the linter needs the Go toolchain when it
# runs. Not a single-stage build.
FROM golang:1.27 AS builder
WORKDIR /golangci
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o golangci-lint ./cmd/golangci-lint

FROM golang:1.27
COPY --from=builder /golangci/golangci-lint /usr/bin/
CMD ["golangci-lint"]
