# Every --from names an earlier stage, a later one that is not built on
# the current stage, or an image.
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN --mount=from=assets,source=/dist,target=/src/web/dist \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/web ./cmd/web

FROM node:22-alpine AS assets
WORKDIR /ui
COPY ui/ .
RUN npm ci && npm run build

FROM alpine:3.22
COPY --from=build /out/web /usr/local/bin/web
COPY --from=busybox:1.37 /bin/busybox /bin/busybox
ENTRYPOINT ["/usr/local/bin/web"]
