# test-options: target=test
# Building --target test picks the golang stage that runs the tests: a CI
# image, never shipped, so "ship a minimal final stage" does not apply.
FROM golang:1.26 AS test
WORKDIR /src
COPY . .
RUN go test ./...

FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
