# The guide's way: the bundle is copied from the builder (golang:*-alpine
# ships ca-certificates-bundle), so scratch can verify TLS peers.
FROM golang:1.25-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /app/main .

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /app/main /main
USER 65532:65532
ENTRYPOINT ["/main"]
