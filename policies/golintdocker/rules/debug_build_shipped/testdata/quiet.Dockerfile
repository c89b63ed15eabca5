FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY . .
RUN go test -race ./...
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api
RUN go build -gcflags="all=-N -l" -o /out/api-debug ./cmd/api \
 && go install github.com/go-delve/delve/cmd/dlv@v1.25.0

# A debug target: Delve and the unoptimised binary, on purpose.
FROM debian:bookworm-slim AS debug
COPY --from=build /go/bin/dlv /out/api-debug /usr/local/bin/
ENTRYPOINT ["dlv", "exec", "/usr/local/bin/api-debug", "--headless", "--listen=:2345"]

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
