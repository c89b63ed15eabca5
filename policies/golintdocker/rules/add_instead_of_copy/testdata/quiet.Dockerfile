# syntax=docker/dockerfile:1
# ADD used for what only ADD does: unpacking an archive, downloading with a
# checksum, cloning a repository.
FROM alpine:3.22 AS assets
ADD web-dist.tar.gz /srv/www/
ADD --checksum=sha256:c5b0666b4cb676901f90dfcb37106783c5fe2077b04590973b885950611b30ee \
    https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /sbin/tini

FROM golang:1.26-alpine AS build
WORKDIR /src
ADD https://github.com/acme/protos.git#v1.4.0 /protos
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM alpine:3.22
COPY --from=assets /srv/www /srv/www
COPY --from=build /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
