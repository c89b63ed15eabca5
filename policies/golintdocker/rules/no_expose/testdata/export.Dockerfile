# A build that only exports binaries (docker build --output): nothing runs,
# no port to declare.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/ ./cmd/...

FROM scratch AS export
COPY --from=build /out/ /
