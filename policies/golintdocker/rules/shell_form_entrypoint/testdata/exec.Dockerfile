# Exec form everywhere it counts; shell form only in a stage that is not shipped.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .
CMD go test ./...

FROM gcr.io/distroless/static-debian12:nonroot AS runtime
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
CMD ["serve"]
