# A builder stage exists, but the final stage is built on it, so the
# toolchain still ships.
FROM golang:1.26-bookworm AS base
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM base AS build
COPY . .
RUN go build -o /out/worker ./cmd/worker

# want: single-stage-build "the final image \(golang:1.26-bookworm\) is built on .*a Go toolchain image, and builds its binary in place \(`go build` on line \d+\)"
FROM \
    build AS runtime
ENTRYPOINT ["/out/worker"]
