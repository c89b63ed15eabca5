# test-options: context=discover
# go.mod is copied first, but go mod download only runs after COPY . .
FROM golang:1.26 AS build
ARG VERSION=dev
WORKDIR /workspace
COPY go.mod go.sum ./
# want: go-mod-download-order "`go mod download` runs only on line \d+, after `COPY . .` on line \d+"
COPY . .
RUN go mod download && \
    CGO_ENABLED=0 go build \
      -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/controller ./cmd/controller

# A second service: go.mod copied, no download step at all (the context's
# go.mod has dependencies to download).
FROM golang:1.26 AS sidecar
WORKDIR /workspace
COPY go.* ./
# want: go-mod-download-order "go.mod is copied on line \d+ but `go mod download` does not run before `ADD ./ ./` on line \d+"
ADD ./ ./
RUN CGO_ENABLED=0 go build -o /out/sidecar ./cmd/sidecar

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/controller /controller
COPY --from=sidecar /out/sidecar /sidecar
ENTRYPOINT ["/controller"]
