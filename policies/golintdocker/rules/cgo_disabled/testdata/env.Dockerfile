# CGO_ENABLED=0 set once with ENV covers every build in the stage, and a
# go env -w setting carries into later RUNs.
FROM golang:1.27-alpine AS build
ENV CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM golang:1.27 AS tools
RUN go env -w CGO_ENABLED=0
RUN go install github.com/grpc-ecosystem/grpc-health-probe@v0.4.40

# A stage the final image does not use may build with cgo.
FROM golang:1.27 AS lint
RUN go build ./...

FROM alpine:3.22
COPY --from=build /out/api /usr/local/bin/api
COPY --from=tools /go/bin/grpc-health-probe /usr/local/bin/
USER nobody
ENTRYPOINT ["/usr/local/bin/api"]
