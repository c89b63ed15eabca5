# test-options: enable=package-unpinned
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates=20230311+deb12u1 tzdata=2025b-0+deb12u1 \
 && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]
