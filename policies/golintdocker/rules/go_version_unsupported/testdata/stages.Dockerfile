# Several toolchain stages: two are out of support, one is current.
# want: go-version-unsupported "Go 1.22.12 \(golang:1.22.12-bookworm\) is past end of support; supported"
FROM --platform=$BUILDPLATFORM golang:1.22.12-bookworm AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /out/server ./cmd/server

# A lint stage on an old toolchain (1.9 is older than 1.26, numerically).
# want: go-version-unsupported "Go 1.9 \(golang:1.9\) is past end of support; supported"
FROM golang:1.9 AS legacy-lint
RUN go vet ./...

FROM golang:1.27-alpine AS tools
RUN go install github.com/grpc-ecosystem/grpc-health-probe@v0.4.40

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
COPY --from=tools /go/bin/grpc-health-probe /grpc-health-probe
ENTRYPOINT ["/server"]
