# Near misses: numeric users need no passwd entry, and nothing is known about
# a company base image's users.
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM registry.example.com/base/runtime:1.4 AS company
COPY --from=build /out/app /app
USER appuser
ENTRYPOINT ["/app"]

FROM scratch
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
