# The builder is an image golint-docker knows nothing about: how to install
# tzdata there cannot be known, so the finding offers no edit, only the
# advice (-tags timetzdata, or install and copy).
FROM registry.example.com/platform/go-builder:2.3 AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/billing ./cmd/billing

# want: no-zoneinfo "the final image \(scratch\) has no time zone database"
FROM scratch
COPY --from=builder /out/billing /billing
USER 65532:65532
ENTRYPOINT ["/billing"]
