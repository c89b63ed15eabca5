# syntax=docker/dockerfile:1
# golint-docker, built the way its own guide says: a cached, cross-compiling
# builder stage and a distroless, non-root final image with only the binary.
ARG GO_VERSION=1.26
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download
COPY . .
ARG VERSION=dev
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" \
      -o /out/golint-docker ./cmd/golint-docker

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/golint-docker /usr/local/bin/golint-docker
WORKDIR /work
# One run per invocation: there is nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/golint-docker"]
