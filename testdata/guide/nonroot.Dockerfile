# The guide's non-root version (section 4): user creation added to the
# release stage, as the guide shows it.
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

# want: no-healthcheck
FROM scratch

# scratch has no shell and no adduser: the build fails here.
# want: run-without-shell
RUN addgroup -S appgroup && adduser -S appuser -G appgroup

# No /etc/passwd in scratch: the container would not start.
# want: user-without-passwd
USER appuser

COPY --from=builder /app/main /main
# want: copies-uninstalled-files
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
EXPOSE 8080
ENTRYPOINT ["/main"]
