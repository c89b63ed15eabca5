# The image is the release stage; a test stage comes last (built with
# --target test in CI). Without --target the last stage would hide the
# image: it is checked, and the finding names it.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server

# want: runs-as-root "no USER is set and the default user of the image of stage "release" \(alpine:3.22; the last stage, stage "test", is a check stage and does not build it\) is root \(uid 0\)"
FROM alpine:3.22 AS release
RUN apk add --no-cache ca-certificates tzdata
COPY --from=build /out/server /usr/local/bin/server
EXPOSE 8080
HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/server"]

FROM build AS test
RUN go test ./...
