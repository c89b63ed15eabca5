# Installed tools that ship in the final image are binaries too; GOFLAGS
# carries the ldflags for the build.
FROM golang:1.26-alpine AS build
ENV CGO_ENABLED=0 GOFLAGS=-ldflags=-w
WORKDIR /src
COPY . .
# want: ldflags-strip "`go build` on line \d+ links with -ldflags "-w", without -s"
RUN go build -trimpath -o /out/app .
# want: ldflags-strip "`go install` on line \d+ links with -ldflags "-w", without -s"
RUN go install github.com/grpc-ecosystem/grpc-health-probe@v0.4.40

FROM alpine:3.22
COPY --from=build /out/app /go/bin/grpc-health-probe /usr/local/bin/
HEALTHCHECK CMD ["grpc-health-probe", "-addr=:9090"]
ENTRYPOINT ["/usr/local/bin/app"]
