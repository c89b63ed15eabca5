# Neither stage has a time zone database, and the builder has no name: the
# fix installs tzdata in the builder, names it and copies the database from
# it by that name.
FROM golang:1.26-alpine
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/reminders ./cmd/reminders

# want: no-zoneinfo "the final image \(scratch\) has no time zone database"
FROM scratch
COPY --from=0 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=0 /out/reminders /reminders
USER 65532:65532
ENTRYPOINT ["/reminders"]
