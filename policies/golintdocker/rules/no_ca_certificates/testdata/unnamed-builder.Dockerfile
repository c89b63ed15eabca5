# An older layout: the builder has no name and the final stage copies from
# it by number. The fix copies the CA bundle by a name it gives the builder
# (`AS builder`), not by number.
FROM golang:1.26-alpine
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /go/bin/webhook ./cmd/webhook

# want: no-ca-certificates "the final image \(scratch\) has no CA certificates and nothing copies or installs them"
FROM scratch
COPY --from=0 /go/bin/webhook /webhook
USER 65532:65532
ENTRYPOINT ["/webhook"]
