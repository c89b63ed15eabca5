# A "certs" stage on plain debian (no CA bundle until ca-certificates is
# installed; it only installs tzdata) and a copy straight from an image
# reference that ships no tzdata.
FROM golang:1.25-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -o /out/notifier ./cmd/notifier

FROM debian:bookworm-slim AS certs
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/*

FROM scratch
COPY --from=certs /usr/share/zoneinfo /usr/share/zoneinfo
# want: copies-uninstalled-files "COPY --from=certs copies /etc/ssl/certs/ca-certificates.crt, which stage "certs" does not have"
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
# want: copies-uninstalled-files "COPY --from=alpine:3.22 copies /usr/share/zoneinfo/Europe/Berlin, but the image alpine:3.22 ships no tzdata, so the build fails with "/usr/share/zoneinfo/Europe/Berlin"
COPY --from=alpine:3.22 /usr/share/zoneinfo/Europe/Berlin /usr/share/zoneinfo/Europe/Berlin
COPY --from=build /out/notifier /notifier
USER 65532:65532
ENTRYPOINT ["/notifier"]
