# Every way the program really is there: quiet.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/bin/ ./cmd/...

FROM scratch AS api
COPY --from=build /out/bin/api /api
ENTRYPOINT ["/api"]

FROM gcr.io/distroless/static-debian12:nonroot AS worker
WORKDIR /app
COPY --from=build /out/bin/worker ./
ENTRYPOINT ["./worker"]

FROM scratch AS tools
# A directory copy: we cannot see into it.
COPY --from=build /out/bin/ /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/migrate"]

FROM scratch AS rootfs
COPY --from=build /out /
ENTRYPOINT ["/bin/server"]

# A PATH lookup and an image with files of its own: not checked.
FROM gcr.io/distroless/static-debian12 AS probe
COPY --from=build /out/bin/probe /usr/bin/
ENTRYPOINT ["probe"]

FROM alpine:3.22
COPY --from=build /out/bin/api /usr/local/bin/api
ENTRYPOINT ["/bin/sh", "-c", "exec /usr/local/bin/api"]
