# Vendored through GOFLAGS, and a go install of a released tool: neither
# needs a go mod download step.
FROM golang:1.26 AS build
ENV GOFLAGS=-mod=vendor CGO_ENABLED=0
WORKDIR /go/src/app
COPY . .
RUN go build -o /out/app .

FROM golang:1.26 AS tools
WORKDIR /tools
COPY . .
RUN go install github.com/grpc-ecosystem/grpc-health-probe@v0.4.40

FROM scratch
COPY --from=build /out/app /app
COPY --from=tools /go/bin/grpc-health-probe /grpc-health-probe
ENTRYPOINT ["/app"]
