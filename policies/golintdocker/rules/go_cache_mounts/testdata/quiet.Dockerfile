# syntax=docker/dockerfile:1
# Near misses: both mounts (with sharing and id options, trailing slash);
# vendored builds need no module cache; a stage the image does not use.
FROM golang:1.26-alpine AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod,sharing=locked \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download
COPY . .
RUN --mount=type=cache,id=gomod,target=/go/pkg/mod/ \
    --mount=type=cache,id=gobuild,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -mod=vendor -trimpath -o /out/legacy ./cmd/legacy

FROM golang:1.26-alpine AS lint
WORKDIR /src
COPY . .
RUN go vet ./... && go build ./...

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /out/legacy /
ENTRYPOINT ["/api"]
