# The CMD comes from a parent stage; the final stage adds the binary but
# still has no HEALTHCHECK.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/cron ./cmd/cron

FROM alpine:3.22 AS runtime
RUN apk add --no-cache ca-certificates tzdata
USER nobody
CMD ["/usr/local/bin/cron"]

# want: no-healthcheck
FROM runtime
COPY --from=build /out/cron /usr/local/bin/cron
