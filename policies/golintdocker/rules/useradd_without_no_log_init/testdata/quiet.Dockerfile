FROM debian:bookworm-slim
RUN groupadd -g 1000001 app && useradd --no-log-init -u 1000001 -g app -r app \
 && useradd -u 10001 -r worker
COPY app /usr/local/bin/app
USER app
ENTRYPOINT ["/usr/local/bin/app"]
