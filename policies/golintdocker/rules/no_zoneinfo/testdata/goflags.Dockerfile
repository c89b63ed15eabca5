# Near miss: the tag comes from GOFLAGS set with ENV in the builder.
FROM golang:1.25 AS build
ENV CGO_ENABLED=0 GOFLAGS="-trimpath -tags=timetzdata,netgo"
WORKDIR /src
COPY . .
RUN go build -o /out/gateway ./cmd/gateway

FROM scratch
COPY --from=build /etc/ssl/certs /etc/ssl/certs
COPY --from=build /out/gateway /gateway
USER 65532:65532
ENTRYPOINT ["/gateway"]
