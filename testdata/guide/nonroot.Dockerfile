# The guide's non-root version (section 4): user creation added to the
# release stage, as the guide shows it.
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

# want: no-healthcheck "the final image \(scratch\) serves \(EXPOSE on line \d+\) but has no HEALTHCHECK"
FROM scratch

# scratch has no shell and no adduser: the build fails here.
# want: run-without-shell "RUN on line \d+ needs /bin/sh, but stage 1 is built on scratch, which has no shell"
RUN addgroup -S appgroup && adduser -S appuser -G appgroup

# No /etc/passwd in scratch: the container would not start.
# want: user-without-passwd "`USER appuser` on line \d+ names the user "appuser", which the final image \(scratch\) does not have"
USER appuser

COPY --from=builder /app/main /main
# want: copies-uninstalled-files "COPY --from=builder copies /usr/share/zoneinfo, which stage "builder" does not have"
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
EXPOSE 8080
ENTRYPOINT ["/main"]
