# Near miss: the builder assembles a root filesystem (certificates, passwd,
# the binary) and the final stage copies the whole tree onto /.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN mkdir -p /rootfs/etc/ssl/certs \
    && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ \
    && CGO_ENABLED=0 go build -tags timetzdata -o /rootfs/server ./cmd/server

FROM scratch
COPY --from=build /rootfs /
USER 65532:65532
ENTRYPOINT ["/server"]
