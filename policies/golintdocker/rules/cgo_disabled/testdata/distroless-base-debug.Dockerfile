# distroless base :debug has glibc (only static's :debug has none): a cgo
# binary from golang (Debian, glibc) starts there.
FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM gcr.io/distroless/base-debian12:debug
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
