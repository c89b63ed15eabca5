# Near misses: HEALTHCHECK NONE is an explicit opt-out (Kubernetes probes the
# pod), a HEALTHCHECK set in the parent stage is inherited, and a builder
# stage without ENTRYPOINT or CMD.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot AS k8s
COPY --from=build /out/api /api
HEALTHCHECK NONE
ENTRYPOINT ["/api"]

FROM alpine:3.22 AS base
RUN apk add --no-cache ca-certificates
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD wget -q -O /dev/null http://localhost:8080/healthz || exit 1

FROM base
COPY --from=build /out/api /usr/local/bin/api
USER nobody
ENTRYPOINT ["api"]
