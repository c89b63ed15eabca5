# Near misses: the guide's copy from a builder that installs tzdata first, and
# distroless (tzdata built in) for a second target.
FROM golang:1.25-alpine AS builder
RUN apk add --no-cache tzdata ca-certificates
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /app/main .

FROM gcr.io/distroless/static-debian12:nonroot AS distroless
COPY --from=builder /app/main /main
ENTRYPOINT ["/main"]

FROM scratch
COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /app/main /main
USER 65532:65532
ENTRYPOINT ["/main"]
