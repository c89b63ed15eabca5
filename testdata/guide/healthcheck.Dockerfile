# The guide's final Dockerfile with its health check (section 5).
# want: go-version-unsupported, cross-compile-emulated
FROM golang:1.21-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
# want: go-cache-mounts
RUN go mod download
# want: missing-dockerignore
COPY . .
# want: trimpath, go-cache-mounts
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /app/main .

# want: runs-as-root
FROM scratch
COPY --from=builder /app/main /main
# want: copies-uninstalled-files
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
EXPOSE 8080

# Not valid JSON (the trailing `|| exit 1`), so it falls back to shell form,
# and scratch has neither /bin/sh nor wget.
# want: json-form-invalid, healthcheck-cannot-run
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD [ "wget", "-q", "-O", "-", "http://localhost:8080/healthz" ] || exit 1

ENTRYPOINT ["/main"]
