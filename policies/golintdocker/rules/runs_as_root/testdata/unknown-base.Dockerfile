# The final image is a company base image nothing is known about: it may set
# a non-root USER of its own, so golint-docker says nothing rather than guess.
ARG BASE=registry.example.com/platform/go-runtime:2.3
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/billing ./cmd/billing

FROM ${BASE}
COPY --from=build /out/billing /usr/local/bin/billing
CMD ["billing"]
