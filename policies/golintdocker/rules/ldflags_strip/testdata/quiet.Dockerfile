# syntax=docker/dockerfile:1
# Near misses.
FROM golang:1.26-alpine AS build
ENV CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# A code generator installed and run in the builder: not shipped.
RUN go install github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0 && sqlc generate
RUN go install go.uber.org/mock/mockgen@v0.5.2
RUN go generate ./...
# A compile check: go build ./... without -o writes nothing.
RUN go vet ./... && go build ./...
# -s -w with a package pattern and a -X; and -s -w in a separate -ldflags order.
RUN go build -trimpath -ldflags="all=-s -w -X main.version=1.2.3" -o /out/api ./cmd/api
RUN go build -trimpath -ldflags '-w -s' -o /out/worker ./cmd/worker

# A debug build for delve, shipped on purpose in the debug image.
FROM golang:1.26-alpine AS debug-build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/api-debug ./cmd/api

# A stage nothing uses.
FROM golang:1.26-alpine AS bench
WORKDIR /src
COPY . .
RUN go build -o /out/bench ./cmd/bench

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /out/worker /usr/local/bin/
COPY --from=debug-build /out/api-debug /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/api"]
