# Near misses: an exec-form RUN of a binary the stage has, a shell-form RUN
# after busybox is copied in, and a shell-form RUN in an unused scratch stage.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate \
    && CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM scratch AS unused
RUN echo "never built"

FROM busybox:1.37-musl AS busybox

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/migrate /out/server /
RUN ["/migrate", "--check-schema"]
COPY --from=busybox /bin/busybox /busybox/busybox
SHELL ["/busybox/busybox", "sh", "-c"]
RUN /busybox/busybox mkdir -p /tmp/cache
ENTRYPOINT ["/server"]
