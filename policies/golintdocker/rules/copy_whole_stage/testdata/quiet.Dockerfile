FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx

FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build
COPY --from=xx / /
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 xx-go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM scratch AS binaries
COPY --from=build /out/app /

FROM alpine:3.22
COPY --from=binaries / /usr/local/bin/
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/app"]
