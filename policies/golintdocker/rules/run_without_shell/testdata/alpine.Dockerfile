# Near miss: the user is created where there is a shell (alpine), as the
# guide should have done.
FROM golang:1.25-alpine AS builder
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/main .

FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata \
    && addgroup -S appgroup && adduser -S appuser -G appgroup
COPY --from=builder /app/main /main
USER appuser
ENTRYPOINT ["/main"]
