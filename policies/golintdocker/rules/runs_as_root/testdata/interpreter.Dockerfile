# An image to work in: its CMD is a shell. It is a base for other images,
# not a service that runs as root.
FROM alpine:3.22
RUN apk add --no-cache git openssh-client make
CMD ["/bin/sh"]
