# Supported, unversioned or newer-than-the-table tags: quiet.
ARG GO_VERSION=1.26
FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM golang:alpine AS lint
RUN go vet ./...

FROM golang:1.28rc1-bookworm AS next
RUN go test ./...

FROM golang:1 AS major-only
RUN go version

# Not a Go image, even with a dotted version.
FROM alpine:3.9 AS old-alpine
RUN true

FROM build AS test
RUN go test ./...

FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
