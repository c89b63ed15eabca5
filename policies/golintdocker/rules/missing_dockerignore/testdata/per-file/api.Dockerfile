# api.Dockerfile.dockerignore beside it is the ignore file BuildKit uses.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM scratch
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
