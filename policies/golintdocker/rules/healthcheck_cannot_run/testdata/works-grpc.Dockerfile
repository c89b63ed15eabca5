# test-options: target=grpc
# Near misses: the binary checks itself in scratch; the probe is copied into
# distroless; wget is in alpine (busybox); curl is installed on debian; and
# HEALTHCHECK NONE (no check at all) needs nothing.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/svc ./cmd/svc \
    && CGO_ENABLED=0 go install github.com/grpc-ecosystem/grpc-health-probe@v0.4.40

FROM gcr.io/distroless/static-debian12:nonroot AS grpc
COPY --from=build /go/bin/grpc-health-probe /bin/
COPY --from=build /out/svc /svc
HEALTHCHECK CMD ["/bin/grpc-health-probe", "-addr=:9090"]
ENTRYPOINT ["/svc"]

FROM alpine:3.22 AS alpine
COPY --from=build /out/svc /usr/local/bin/svc
USER nobody
HEALTHCHECK --interval=30s CMD wget -q -O /dev/null http://localhost:8080/healthz || exit 1
ENTRYPOINT ["svc"]

FROM debian:bookworm-slim AS debian
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/svc /usr/local/bin/svc
HEALTHCHECK CMD ["curl", "-fsS", "http://localhost:8080/healthz"]
ENTRYPOINT ["svc"]

FROM scratch AS off
COPY --from=build /out/svc /svc
HEALTHCHECK NONE
ENTRYPOINT ["/svc"]

FROM scratch AS scratch
COPY --from=build /out/svc /svc
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=2s --start-period=5s --retries=3 CMD ["/svc", "-healthcheck"]
ENTRYPOINT ["/svc"]
