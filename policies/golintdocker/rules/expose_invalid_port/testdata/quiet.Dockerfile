FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/dns ./cmd/dns

FROM gcr.io/distroless/static-debian12:nonroot
ARG METRICS_PORT
COPY --from=build /out/dns /dns
EXPOSE 53/udp 53/tcp 8000-8010
EXPOSE ${METRICS_PORT}
ENTRYPOINT ["/dns"]
