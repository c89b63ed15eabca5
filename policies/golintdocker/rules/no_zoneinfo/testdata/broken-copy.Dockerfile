# Near miss: the guide's own copy from a golang:*-alpine builder that never
# installs tzdata. The COPY fails the build ("not found"), which
# copies-uninstalled-files reports; this rule does not say it again.
FROM golang:1.26-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /app/main .

FROM scratch
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /app/main /main
USER 65532:65532
ENTRYPOINT ["/main"]
