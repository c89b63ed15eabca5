# No ENTRYPOINT: the CMD starts the container. The binary went to
# /usr/local/bin, the CMD looks in /bin.
FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /usr/local/bin/
# want: entrypoint-not-found "CMD runs /bin/api, but nothing in the final stage \(gcr.io/distroless/static-debian12:nonroot\) provides it"
CMD ["/bin/api", "--addr=:8080"]
