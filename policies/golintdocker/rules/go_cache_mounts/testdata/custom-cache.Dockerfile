# syntax=docker/dockerfile:1
# The caches moved with GOMODCACHE/GOCACHE; mounts at those paths count.
FROM golang:1.26 AS build
ENV GOMODCACHE=/cache/mod GOCACHE=/cache/build CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/cache/mod go mod download
COPY . .
RUN --mount=type=cache,target=/cache/mod \
    --mount=type=cache,target=/cache/build \
    go build -trimpath -o /out/ingest ./cmd/ingest
# The default paths do not help when the caches are elsewhere.
# want: go-cache-mounts "RUN on line \d+ runs `go build` without a cache mount for the module cache \(/cache/mod\) and the build cache \(/cache/build\)"
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -o /out/export ./cmd/export

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ingest /out/export /
ENTRYPOINT ["/ingest"]
