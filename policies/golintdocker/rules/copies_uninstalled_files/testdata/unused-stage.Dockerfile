# Near miss: the broken copy is in a stage the final image does not use (the
# "legacy" target), so building the default target never runs it; the
# shipped stage copies from a Debian golang builder, which has certificates.
FROM golang:1.25-alpine AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/svc .

FROM golang:1.25-bookworm AS debian-builder

FROM scratch AS legacy
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /out/svc /svc

FROM scratch
COPY --from=debian-builder /etc/ssl/certs /etc/ssl/certs
COPY --from=builder /out/svc /svc
USER 65532:65532
ENTRYPOINT ["/svc"]
