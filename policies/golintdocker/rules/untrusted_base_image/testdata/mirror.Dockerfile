# test-options: trusted-registries=registry.example.com,gcr.io/distroless
# Every image comes from the mirror or from a trusted repository prefix;
# stages and scratch are no images at all.
ARG GO_VERSION=1.27
FROM registry.example.com/mirror/golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api

FROM scratch AS export
COPY --from=build /out/api /api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /api
COPY --from=registry.example.com/mirror/busybox:1.37-musl /bin/busybox /busybox
ENTRYPOINT ["/api"]
