# A debug image for Delve: optimisations off and symbols kept on purpose.
FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -gcflags="all=-N -l" -o /out/server ./cmd/server
RUN CGO_ENABLED=0 go install github.com/go-delve/delve/cmd/dlv@v1.25.0

FROM gcr.io/distroless/base-debian12:debug
COPY --from=build /out/server /server
COPY --from=build /go/bin/dlv /dlv
EXPOSE 8080 40000
ENTRYPOINT ["/dlv", "--listen=:40000", "--headless=true", "--api-version=2", "exec", "/server"]
