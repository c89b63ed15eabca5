# Tags everywhere, a digest where it matters, stage references and scratch.
FROM golang:1.27.3-alpine@sha256:2d40d4fc278dad38be0777d5e2a88a2c6dee51b0b29c97a764fc6c6a11ca893c AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,from=ghcr.io/acme/protos:v1.4.0,source=/protos,target=/protos \
    CGO_ENABLED=0 go build -o /out/app .

FROM build AS test
RUN go test ./...

FROM scratch
COPY --from=alpine:3.22 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=gcr.io/distroless/static-debian12@sha256:87bce11be0af225e4ca761c40babb06d6d559f5767fbf7dc3c47f0f1a466b92c /etc/passwd /etc/passwd
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
