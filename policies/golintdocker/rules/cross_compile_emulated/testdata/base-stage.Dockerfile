# The build stage is built on a deps stage: the FROM to fix is the one that
# names the golang image.
# want: cross-compile-emulated "`go build` on line \d+ runs on golang:1.26-bookworm, and this FROM \(stage "deps"\) has no --platform"
FROM golang:1.26-bookworm AS deps
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM deps AS build
COPY . .
RUN CGO_ENABLED=1 go build -o /out/thumbnailer ./cmd/thumbnailer

FROM gcr.io/distroless/base-debian12:nonroot
COPY --from=build /out/thumbnailer /thumbnailer
ENTRYPOINT ["/thumbnailer"]
