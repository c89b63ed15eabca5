# syntax=docker/dockerfile:1
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
# want: undeclared-platform-arg "RUN on line \d+ uses \$TARGETARCH, \$TARGETVARIANT, but stage "build" never declares `ARG TARGETARCH TARGETVARIANT`"
RUN <<EOT
set -eu
case "${TARGETARCH}" in
  arm) export GOARM="${TARGETVARIANT#v}" ;;
esac
CGO_ENABLED=0 GOARCH="${TARGETARCH}" go build -o /out/app .
EOT
# want: undeclared-platform-arg "ARG on line \d+ uses \$TARGETARCH, but stage "build" never declares `ARG TARGETARCH`"
ARG GOARCH=${TARGETARCH}

FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
