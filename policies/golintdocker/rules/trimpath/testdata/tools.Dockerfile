# Code generators installed in the builder and run there: they do not ship.
FROM golang:1.27-alpine AS build
RUN go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6 \
 && go install github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0
WORKDIR /src
COPY . .
RUN sqlc generate && go generate ./...
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
