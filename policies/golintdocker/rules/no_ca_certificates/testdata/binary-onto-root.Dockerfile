# The binary is copied onto / (a common scratch idiom). That copies one file,
# not a tree: there are still no certificates.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -tags timetzdata -o server ./cmd/server

# want: no-ca-certificates "the final image \(scratch\) has no CA certificates and nothing copies or installs them"
FROM scratch
COPY --from=build /src/server /
USER 65532:65532
ENTRYPOINT ["/server"]
