# test-options: target=grpc
# The stage being built (grpc) has no EXPOSE; the last stage does.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/ ./cmd/...

# want: no-expose "the final image \(scratch\) listens on port 9090 \(it starts with -listen=:9090\) but has no EXPOSE"
FROM scratch AS grpc
COPY --from=build /out/grpc /grpc
ENTRYPOINT ["/grpc", "-listen=:9090"]

FROM scratch AS http
COPY --from=build /out/http /http
EXPOSE 8080
ENTRYPOINT ["/http"]
