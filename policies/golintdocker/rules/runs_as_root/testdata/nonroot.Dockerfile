# Near misses: distroless :nonroot runs as 65532 without a USER, and a USER
# set in a parent stage is inherited by the final stage.
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot AS distroless
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]

FROM alpine:3.22 AS runtime
RUN apk add --no-cache ca-certificates tzdata \
    && addgroup -S app && adduser -S -G app app
USER app:app

FROM runtime
COPY --from=build /out/api /usr/local/bin/api
ENTRYPOINT ["api"]
