# Alpine knows the user nobody, but the group "app" is never created.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/indexer ./cmd/indexer

FROM alpine:3.22
RUN apk add --no-cache ca-certificates tzdata
COPY --from=build /out/indexer /usr/local/bin/indexer
# want: user-without-passwd "`USER nobody:app` on line \d+ names the group "app", which the final image \(alpine:3.22\) does not have"
USER nobody:app
ENTRYPOINT ["indexer"]
