# An Alpine image that switches to root for a package install and never
# switches back: the USER in effect is root.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

FROM alpine:3.22 AS base
RUN adduser -D -u 10001 worker
USER worker

FROM base
USER root
RUN apk add --no-cache ca-certificates tzdata
COPY --from=build /out/worker /usr/local/bin/worker
# want: runs-as-root "`USER 0:0` on line \d+ is the USER in effect"
USER 0:0
ENTRYPOINT ["worker"]
