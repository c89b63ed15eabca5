# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
RUN apk add git
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM alpine:3.22
RUN apk add --no-cache ca-certificates
RUN apk add --update tzdata && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/var/cache/apk apk add curl
COPY --from=build /out/app /usr/local/bin/app
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]
