# The guide's final Dockerfile with its health check (section 5).
# want: go-version-unsupported "Go 1.21 \(golang:1.21-alpine\) is past end of support; supported" cross-compile-emulated "`go build` on line \d+ runs on golang:1.21-alpine, and this FROM \(stage "builder"\) has no --platform"
FROM golang:1.21-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
# go-cache-mounts reports this download with the build that reads it.
RUN go mod download
# want: missing-dockerignore "COPY . . on line \d+ copies the whole build context, and there is no .dockerignore"
COPY . .
# want: trimpath "`go build` on line \d+ builds without -trimpath" go-cache-mounts "RUN on line \d+ runs `go build` without a cache mount for the module cache \(/go/pkg/mod\) and the build cache \(/root/.cache/go-build\).*; `go mod download` on line \d+ has no module cache mount either"
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /app/main .

# want: runs-as-root "no USER is set and the default user of the final image \(scratch\) is root \(uid 0\)"
FROM scratch
COPY --from=builder /app/main /main
# want: copies-uninstalled-files "COPY --from=builder copies /usr/share/zoneinfo, which stage "builder" does not have"
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
EXPOSE 8080

# Not valid JSON (the trailing `|| exit 1`), so it falls back to shell form,
# and scratch has neither /bin/sh nor wget.
# want: json-form-invalid "HEALTHCHECK on line \d+ looks like exec form but is not valid JSON \(text after the closing \]" healthcheck-cannot-run "HEALTHCHECK on line \d+ is not valid JSON .*, so Docker runs it with /bin/sh -c, but the final image \(scratch\) has no shell \(nor wget\)"
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD [ "wget", "-q", "-O", "-", "http://localhost:8080/healthz" ] || exit 1

ENTRYPOINT ["/main"]
