# USER names the user through an ARG that useradd also uses: the user
# exists.
FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM debian:bookworm-slim
ARG APP_USER=app
RUN useradd --system --no-create-home "$APP_USER"
COPY --from=build /out/app /usr/local/bin/app
USER $APP_USER
ENTRYPOINT ["/usr/local/bin/app"]
