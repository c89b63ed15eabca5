FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN mkdir -p /out/bin /out/etc && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bin/ ./cmd/api ./cmd/worker
COPY configs/app.yaml configs/log.yaml /out/etc

FROM alpine:3.22
WORKDIR /app
# The WORKDIR, a directory of the base image, a directory an earlier COPY
# wrote into: all exist.
COPY --from=build /out/bin/api /out/bin/worker /app
COPY --from=build /out/bin/api /out/bin/worker /usr/local/bin
COPY scripts/ /opt/scripts/
COPY README.md LICENSE /opt/scripts
ENTRYPOINT ["/usr/local/bin/api"]
