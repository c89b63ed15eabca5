# A builder image in the style of caddy:builder: it installs a build tool
# (go install pkg@version) for others to run. It needs Go to work.
FROM golang:1.27-alpine
RUN apk add --no-cache git ca-certificates
ENV XCADDY_SETCAP=1
RUN go install github.com/caddyserver/xcaddy/cmd/xcaddy@v0.4.5
WORKDIR /usr/bin
ENTRYPOINT ["xcaddy"]
