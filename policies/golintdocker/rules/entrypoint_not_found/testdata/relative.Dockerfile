# A relative program resolves against WORKDIR: ./server is /srv/server,
# but the binary went to /app.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12
WORKDIR /app
COPY --from=build /out/server .
WORKDIR /srv
# want: entrypoint-not-found "ENTRYPOINT runs /srv/server, but nothing in the final stage \(gcr.io/distroless/static-debian12\) provides it"
ENTRYPOINT ["./server"]
