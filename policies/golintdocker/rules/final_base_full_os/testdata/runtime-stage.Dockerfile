# The runtime base is its own stage; the finding points at the FROM that
# names the image.
# want: final-base-full-os "the final image \(ubuntu:24.04\) is built on .*a full OS image, to run a Go binary"
FROM ubuntu:24.04 AS runtime-base
RUN apt-get update && apt-get install -y --no-install-recommends tzdata ca-certificates \
 && rm -rf /var/lib/apt/lists/*

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/indexer ./cmd/indexer

FROM runtime-base
COPY --from=build /out/indexer /usr/local/bin/indexer
ENTRYPOINT ["/usr/local/bin/indexer"]
