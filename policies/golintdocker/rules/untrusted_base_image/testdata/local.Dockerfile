# test-options: trusted-registries=registry.example.com
# The dev image rests on images the project builds itself first
# (docker build -t api-base -f Dockerfile.base .): no registry serves a bare
# name that is no Docker Hub official image, so there is nothing to trust.
# Docker Hub's own images still come from an untrusted registry.
FROM api-base AS dev
COPY --from=api-tools:latest /usr/local/bin/ /usr/local/bin/
# want: untrusted-base-image "COPY --from=busybox:1.37-musl comes from docker.io/library/busybox"
COPY --from=busybox:1.37-musl /bin/busybox /bin/busybox
USER 65532
ENTRYPOINT ["/usr/local/bin/api"]
