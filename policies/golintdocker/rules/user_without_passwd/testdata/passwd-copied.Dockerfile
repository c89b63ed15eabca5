# Near misses: /etc/passwd and /etc/group copied from the builder that
# created the user; distroless's own "nonroot" user; alpine's adduser.
FROM golang:1.25-alpine AS build
RUN addgroup -S appgroup && adduser -S -G appgroup appuser
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12 AS distroless
COPY --from=build /out/app /app
USER nonroot:nonroot
ENTRYPOINT ["/app"]

FROM alpine:3.22 AS alpine
RUN apk add --no-cache ca-certificates tzdata \
    && adduser -D -H -s /sbin/nologin appuser
COPY --from=build /out/app /app
USER appuser
ENTRYPOINT ["/app"]

FROM scratch
COPY --from=build /etc/passwd /etc/group /etc/
COPY --from=build /out/app /app
USER appuser:appgroup
ENTRYPOINT ["/app"]
