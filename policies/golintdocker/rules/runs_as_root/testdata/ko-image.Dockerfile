# cosign copied out of its ko-built image (/ko-app): a Go binary, and the
# numeric USER fix applies.
# want: runs-as-root "no USER is set and the default user of the final image \(alpine:3.20\) is root"
FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=gcr.io/projectsigstore/cosign:v2.4.1@sha256:b03690aa52bfe94054187142fba24dc54137650682810633901767d8a3e15b31 /ko-app/cosign /usr/local/bin/cosign
ENTRYPOINT ["/usr/local/bin/cosign"]
