# A CI builder: it compiles everything to check it builds, warms the build
# cache with the standard library, and runs the tests. Nothing it builds is
# kept, so nothing is shipped with or without symbols.
FROM golang:1.27-alpine AS ci
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
RUN go build -a std
COPY . .
RUN go build ./...
RUN go vet ./... && go test ./...
