# distroless has no shell either: the mkdir/chown step fails the build. The
# busybox-based debug variant (the "debug" stage, not built here) would work.
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/uploader ./cmd/uploader

FROM gcr.io/distroless/static-debian12:debug AS debug
COPY --from=build /out/uploader /uploader
RUN mkdir -p /data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/uploader /uploader
# want: run-without-shell "RUN on line \d+ needs /bin/sh, but stage 2 is built on gcr.io/distroless/static-debian12:nonroot, which has no shell"
RUN mkdir -p /data \
    && chown 65532:65532 /data
USER 65532:65532
ENTRYPOINT ["/uploader"]
