# A cgo build (sqlite) shipped on distroless base, which has glibc: fine.
FROM golang:1.27-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
