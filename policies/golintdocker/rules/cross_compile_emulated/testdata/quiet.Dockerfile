# syntax=docker/dockerfile:1
# Near misses: the builder already runs on $BUILDPLATFORM; a stage the final
# image does not use; the final stage's own FROM (it must stay on the target
# platform) even though it runs go build.
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/api ./cmd/api

FROM golang:1.26-alpine AS test
WORKDIR /src
COPY . .
RUN go test ./... && go build ./...

FROM golang:1.26-alpine AS dev
COPY --from=build /out/api /usr/local/bin/api
RUN go install github.com/go-delve/delve/cmd/dlv@v1.25.0
ENTRYPOINT ["dlv", "exec", "/usr/local/bin/api"]
