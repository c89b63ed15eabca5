# syntax=docker/dockerfile:1
# Near misses: declared ARGs (also inherited from a parent stage), values
# the RUN sets itself, single quotes, FROM lines, and an unused stage.
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS base
ARG TARGETOS TARGETARCH
WORKDIR /src

FROM base AS build
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
RUN export BUILDARCH="$(go env GOHOSTARCH)" && echo "host: $BUILDARCH"
RUN BUILDOS=$(uname -s) && echo "$BUILDOS"
RUN for TARGETVARIANT in v6 v7; do echo "$TARGETVARIANT"; done
RUN echo '$TARGETPLATFORM is only expanded by BuildKit when declared'
ENV GOARCH=$TARGETARCH

FROM --platform=$TARGETPLATFORM alpine:3.22 AS unused
RUN echo "$TARGETPLATFORM"

FROM alpine:3.22
ARG TARGETPLATFORM
LABEL org.opencontainers.image.platform=$TARGETPLATFORM
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
