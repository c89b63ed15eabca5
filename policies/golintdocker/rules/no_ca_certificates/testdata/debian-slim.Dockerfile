# A cgo service (it links librdkafka) shipped on debian-slim. The runtime
# packages are installed, but not ca-certificates: the Kafka TLS listener and
# the webhook client cannot verify their peers.
FROM golang:1.25-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends librdkafka-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN go build -o /out/consumer ./cmd/consumer

# want: no-ca-certificates "the final image \(debian:bookworm-slim\) has no CA certificates and nothing copies or installs them"
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends librdkafka1 tzdata \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/consumer /usr/local/bin/consumer
USER nobody
ENTRYPOINT ["consumer"]
