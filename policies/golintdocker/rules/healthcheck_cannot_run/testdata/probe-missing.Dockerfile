# A gRPC service whose health probe is built but never copied into scratch.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -o /out/orders ./cmd/orders \
    && CGO_ENABLED=0 go install github.com/grpc-ecosystem/grpc-health-probe@v0.4.40

FROM scratch
COPY --from=build /out/orders /orders
USER 65532:65532
# want: healthcheck-cannot-run "HEALTHCHECK on line \d+ runs /bin/grpc_health_probe, but the final image \(scratch\) starts empty and nothing copies /bin/grpc_health_probe into it"
HEALTHCHECK --interval=10s --timeout=2s CMD ["/bin/grpc_health_probe", "-addr=:9090"]
ENTRYPOINT ["/orders"]
