# Alpine has no tzdata until `apk add tzdata`. The builder installs it (for
# its tests), so the fix can copy it from there.
FROM golang:1.25-alpine AS build
RUN apk add --no-cache git tzdata
WORKDIR /src
COPY . .
RUN go test ./... && CGO_ENABLED=0 go build -o /out/reports ./cmd/reports

# want: no-zoneinfo "the final image \(alpine:3.22\) has no time zone database .*and no go build embeds one"
FROM alpine:3.22
RUN apk add --no-cache ca-certificates \
    && adduser -D -H -u 10001 reports
COPY --from=build /out/reports /usr/local/bin/reports
USER reports
ENV TZ=Europe/Berlin
ENTRYPOINT ["reports"]
