# syntax=docker/dockerfile:1
# Near misses. The textbook order:
FROM golang:1.26-alpine AS api
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

# go.mod bind-mounted for the download:
FROM golang:1.26-alpine AS worker
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download -x
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

# No whole-context COPY: the sources are bind-mounted for the build only.
FROM golang:1.26-alpine AS cli
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,target=. \
    CGO_ENABLED=0 go build -o /out/cli ./cmd/cli

# Vendored modules: nothing to download.
FROM golang:1.26-alpine AS vendored
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -mod=vendor -o /out/vendored ./cmd/vendored

# Dependencies downloaded in a base stage the build stage is built on.
FROM golang:1.26-alpine AS deps
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM deps AS migrate
COPY . .
RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate

# A lint stage the final image does not use.
FROM golang:1.26-alpine AS lint
WORKDIR /src
COPY . .
RUN go build -o /dev/null ./...

FROM alpine:3.22
COPY --from=api /out/api /usr/local/bin/
COPY --from=worker /out/worker /usr/local/bin/
COPY --from=cli /out/cli /usr/local/bin/
COPY --from=vendored /out/vendored /usr/local/bin/
COPY --from=migrate /out/migrate /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/api"]
