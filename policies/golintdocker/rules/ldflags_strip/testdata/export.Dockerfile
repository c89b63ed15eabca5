# Release binaries written out with `docker buildx build --output`: they
# ship to users as files, so they are stripped like any shipped binary.
FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
# want: ldflags-strip "`go build` on line \d+ has no -ldflags: the binary keeps its symbol table and DWARF debug info \(no -s -w\)"
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /out/cli ./cmd/cli

FROM scratch AS binaries
COPY --from=build /out/cli /
