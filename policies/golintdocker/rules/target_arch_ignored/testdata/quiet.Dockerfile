# syntax=docker/dockerfile:1
# Near misses: GOARCH set inline, by ENV, or with go env -w; a code
# generator installed and run on the build machine (right for it); a
# compile check; a builder without --platform (emulated, GD008's business).
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build
ARG TARGETOS TARGETARCH TARGETVARIANT
WORKDIR /src
COPY . .
RUN go install github.com/bufbuild/buf/cmd/buf@v1.55.1 && buf generate
RUN go build ./...
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/api ./cmd/api
ENV GOOS=$TARGETOS GOARCH=$TARGETARCH
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS arm
ARG TARGETARCH TARGETVARIANT
RUN go env -w GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v}
RUN CGO_ENABLED=0 go build -o /out/agent ./cmd/agent

FROM golang:1.26-alpine AS native
RUN CGO_ENABLED=0 go build -o /out/native ./cmd/native

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/api /out/worker /
COPY --from=arm /out/agent /
COPY --from=native /out/native /
ENTRYPOINT ["/api"]
