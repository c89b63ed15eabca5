# cgo linked statically: the binary needs no C library and runs on scratch.
FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -ldflags='-s -w -extldflags "-static"' -o /out/app ./cmd/app

FROM scratch
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
