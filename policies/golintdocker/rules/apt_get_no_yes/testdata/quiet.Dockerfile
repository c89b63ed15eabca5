FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
 && apt-get -qq install --no-install-recommends tzdata \
 && DEBIAN_FRONTEND=noninteractive apt-get install --yes --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

FROM base
RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90assumeyes
RUN apt-get update && apt-get install --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
USER 65532:65532
CMD ["jq", "--version"]
