# Binaries for `docker buildx build --output type=local,dest=bin .`: the
# last stage is FROM scratch with files and nothing to run. No container
# ever runs it, so there is no user to speak of.
FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/ ./cmd/...

FROM scratch AS binaries
COPY --from=build /out/ /
