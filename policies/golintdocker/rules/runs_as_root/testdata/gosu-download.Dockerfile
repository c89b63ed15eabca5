# gosu downloaded into the image: the start script drops to the git user.
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/gitsrv .

FROM alpine:3.22
ADD --checksum=sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3 https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/sbin/gosu
RUN chmod +x /usr/sbin/gosu && adduser -D -u 1000 git
COPY --from=build /out/gitsrv /app/gitsrv
COPY docker/start.sh /app/start.sh
ENTRYPOINT ["/app/start.sh"]
CMD ["/app/gitsrv", "web"]
