# syntax=docker/dockerfile:1
# Every --from names a stage of the file, a stage number that exists, or an
# image written as one.
FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS deps
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download

FROM deps AS build
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,target=. \
    --mount=type=bind,from=ghcr.io/acme/protos:v1.4.0,source=/protos,target=/protos \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
COPY --from=0 /src/go.mod /go.mod
ENTRYPOINT ["/api"]
