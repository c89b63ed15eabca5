# The entrypoint chowns the data volume, then execs the server as an
# unprivileged user with su-exec: the image must start as root.
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/syncd ./cmd/syncd

FROM alpine:3.22
RUN apk add --no-cache ca-certificates su-exec tzdata \
    && adduser -D -H -u 1000 syncd
COPY --from=build /out/syncd /bin/syncd
COPY docker-entrypoint.sh /bin/entrypoint.sh
VOLUME /var/lib/syncd
EXPOSE 8384
ENTRYPOINT ["/bin/entrypoint.sh", "/bin/syncd", "--home", "/var/lib/syncd"]
