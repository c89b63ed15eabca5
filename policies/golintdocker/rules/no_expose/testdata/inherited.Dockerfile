# EXPOSE in the stage the final one is built on counts.
FROM alpine:3.22 AS base
RUN apk add --no-cache ca-certificates
EXPOSE 8080

FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM base
COPY --from=build /out/api /usr/local/bin/api
ENTRYPOINT ["/usr/local/bin/api", "--addr=:8080"]
