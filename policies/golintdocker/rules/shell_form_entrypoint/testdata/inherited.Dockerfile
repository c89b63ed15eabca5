# The ENTRYPOINT in effect comes from the stage the final one is built on.
FROM alpine:3.22 AS base
RUN apk add --no-cache ca-certificates
# want: shell-form-entrypoint "ENTRYPOINT exec /usr/local/bin/app is in shell form"
ENTRYPOINT exec /usr/local/bin/app

FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM base
COPY --from=build /out/app /usr/local/bin/app
