# A build stage on $BUILDPLATFORM that never declares the target arguments.
ARG GO_VERSION=1.26
FROM --platform=${BUILDPLATFORM} golang:${GO_VERSION} AS build
WORKDIR /app
COPY . .
# want: target-arch-ignored "`go install` on line \d+ runs in stage "build" \(FROM --platform=\$\{BUILDPLATFORM\}\) without GOARCH"
RUN CGO_ENABLED=0 go install -trimpath -ldflags="-s -w" ./cmd/...

FROM scratch
COPY --from=build /go/bin/ /bin/
ENTRYPOINT ["/bin/server"]
