# The guide's Dockerfile with its bug fixed: tzdata installed in the builder
# first. Also a copy from an ubuntu stage that installs ca-certificates, and a
# copy from distroless, which ships both.
FROM golang:1.21-alpine AS builder
RUN apk add --no-cache tzdata
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /app/main .

FROM ubuntu:24.04 AS certs
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates

FROM scratch
COPY --from=builder /app/main /main
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=gcr.io/distroless/static-debian12 /usr/share/zoneinfo/UTC /usr/share/zoneinfo/UTC
USER 65532:65532
ENTRYPOINT ["/main"]
