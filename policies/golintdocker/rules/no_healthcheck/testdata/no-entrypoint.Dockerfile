# Near miss: a base image for other teams' services runs nothing itself, so
# there is nothing to check yet.
FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
    && adduser -D -u 10001 app
USER app
WORKDIR /app
