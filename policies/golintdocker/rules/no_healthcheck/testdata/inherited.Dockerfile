# The CMD and the EXPOSE come from a parent stage; the final stage adds the
# binary but still has no HEALTHCHECK.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM alpine:3.22 AS runtime
RUN apk add --no-cache ca-certificates tzdata
USER nobody
EXPOSE 8080
CMD ["/usr/local/bin/api"]

# want: no-healthcheck "the final image \(alpine:3.22\) serves \(EXPOSE on line \d+\) but has no HEALTHCHECK"
FROM runtime
COPY --from=build /out/api /usr/local/bin/api
