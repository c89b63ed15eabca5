FROM golang:1.26 AS build
ARG GOPROXY
ENV GOPROXY=https://proxy.golang.org,direct
ENV GOPRIVATE=github.com/acme/*
WORKDIR /src
COPY . .
RUN GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
