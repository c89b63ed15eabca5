# Near miss: the binary embeds the database (-tags timetzdata), so scratch
# needs no /usr/share/zoneinfo.
FROM golang:1.25-alpine AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -tags timetzdata -ldflags="-s -w" -o /out/app .

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
