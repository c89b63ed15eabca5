# go get in a module (it changes go.mod), in GOPATH mode, and on Go 1.16.
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go get github.com/stretchr/testify@v1.10.0 && go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM golang:1.26-alpine AS legacy
ENV GO111MODULE=off
RUN go get github.com/mitchellh/gox

FROM golang:1.16 AS old
RUN go get github.com/mitchellh/gox

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
