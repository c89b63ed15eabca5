# Valid exec form, but distroless has no curl.
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/gateway ./cmd/gateway

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gateway /gateway
EXPOSE 8080
# want: healthcheck-cannot-run "HEALTHCHECK on line \d+ runs curl, but the final image \(gcr.io/distroless/static-debian12:nonroot\) has no curl and nothing installs or copies it in"
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD ["curl", "-fsS", "http://localhost:8080/readyz"]
ENTRYPOINT ["/gateway"]
