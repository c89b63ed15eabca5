# Every exec form here is valid JSON; shell forms are shell on purpose.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY ["go.mod", "go.sum", "./"]
RUN go mod download
COPY . .
RUN ["go", "build", "-o", "/out/api", "./cmd/api"]
RUN [ -x /out/api ] || { echo "build produced no binary" >&2; exit 1; }

FROM alpine:3.22
COPY --from=build /out/api /usr/local/bin/api
VOLUME ["/data"]
HEALTHCHECK --interval=30s CMD wget -q --spider http://localhost:8080/healthz || exit 1
ENTRYPOINT [ "/usr/local/bin/api" ]
CMD ["--addr", ":8080"]
