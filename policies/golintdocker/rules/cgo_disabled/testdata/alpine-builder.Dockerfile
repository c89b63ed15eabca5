# golang:alpine has no C compiler: Go turns cgo off by itself, and the
# binary is static without CGO_ENABLED=0.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM scratch
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
