# Near misses: -trimpath on the command line or in GOFLAGS; a compile
# check and a debug build; a test stage the final image does not use.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api
RUN go build ./... && go vet ./...

FROM golang:1.26 AS build-debug
ENV GOFLAGS="-trimpath -mod=mod"
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api
RUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/api-dlv ./cmd/api

FROM golang:1.26 AS test
WORKDIR /src
COPY . .
RUN go test -c -o /out/api.test ./cmd/api && go build -o /out/tool ./cmd/tool

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
COPY --from=build-debug /out/api /out/api-dlv /debug/
ENTRYPOINT ["/api"]
