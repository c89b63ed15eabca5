# syntax=docker/dockerfile:1
# Secrets through secret mounts; names that only look like secrets.
FROM golang:1.27-alpine AS build
ARG AUTH_ENABLED=true
ARG TOKEN_URL=https://auth.example.com/oauth/token
ENV GOPRIVATE=github.com/acme/* GONOSUMDB=github.com/acme/*
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN \
    git config --global url."https://x-access-token:${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/" && \
    go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

# The fingerprint a download is verified against is public (BuildKit's
# SecretsUsedInArgOrEnv takes it for a secret).
FROM debian:bookworm-slim AS protoc
ENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D
RUN gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY"

FROM gcr.io/distroless/static-debian12:nonroot
ENV DB_PASSWORD_FILE=/run/secrets/db_password \
    API_KEY_HEADER=X-Api-Key \
    DISABLE_AUTH=false \
    SESSION_SECRET=
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
