# RUN --mount=from= names stages too.
FROM golang:1.27-alpine AS deps
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download

FROM golang:1.27-alpine AS build
WORKDIR /src
# want: copy-from-unknown-stage "RUN --mount from=dpes: no stage named dpes \(did you mean deps\? stages"
RUN --mount=type=bind,from=dpes,source=/go/pkg/mod,target=/go/pkg/mod \
    --mount=type=bind,target=. \
    CGO_ENABLED=0 go build -o /out/app .
RUN --mount=type=bind,from=deps,source=/go/pkg/mod,target=/go/pkg/mod \
    --mount=type=bind,from=ghcr.io/acme/protos:v1.4.0,source=/protos,target=/protos \
    go generate ./...

FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
