# A builder stage exists, but the final stage is built on it, so the
# toolchain still ships.
FROM golang:1.26-bookworm AS base
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM base AS build
COPY . .
RUN go build -o /out/worker ./cmd/worker

# want: single-stage-build
FROM \
    build AS runtime
ENTRYPOINT ["/out/worker"]
