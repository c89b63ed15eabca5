# syntax=docker/dockerfile:1
FROM golang:1.26-alpine AS build
RUN apk add --no-cache git openssh-client
ENV GOPRIVATE=github.com/acme/*
RUN git config --global url."git@github.com:".insteadOf https://github.com/ \
 && mkdir -p /root/.ssh && ssh-keyscan github.com >> /root/.ssh/known_hosts
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=ssh --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM alpine:3.22
COPY --from=build /out/app /usr/local/bin/app
COPY .env.example /etc/app/.env.example
COPY certs/ca.pem /usr/local/share/ca-certificates/acme.crt
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]
