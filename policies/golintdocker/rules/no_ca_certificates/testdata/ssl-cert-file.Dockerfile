# Near miss: the bundle is copied to a custom place and SSL_CERT_FILE points
# Go's crypto/x509 at it.
FROM golang:1.25-alpine AS builder
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /certs/roots.pem
ENV SSL_CERT_FILE=/certs/roots.pem
COPY --from=builder /out/app /app
ENTRYPOINT ["/app"]
