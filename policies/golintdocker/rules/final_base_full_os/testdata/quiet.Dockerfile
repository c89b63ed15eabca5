# Near misses: distroless final for the Go service...
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM debian:12-slim AS fetch
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
