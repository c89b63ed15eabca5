# A cron worker: it serves nothing (no EXPOSE, no listening flag), so a
# HEALTHCHECK has nothing to probe.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/cron ./cmd/cron

FROM alpine:3.22 AS runtime
RUN apk add --no-cache ca-certificates tzdata
USER nobody
CMD ["/usr/local/bin/cron"]

FROM runtime
COPY --from=build /out/cron /usr/local/bin/cron
