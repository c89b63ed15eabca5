# test-options: target=debug
# A debug image on busybox (for its shell) next to the production one; the
# debug target has no CA bundle. Linting --target=debug reports it; the
# production stage, which is not built, is not looked at.
FROM golang:1.25-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/agent ./cmd/agent

# want: no-ca-certificates "the final image \(busybox:1.37\) has no CA certificates and nothing copies or installs them"
FROM busybox:1.37 AS debug
COPY --from=build /out/agent /bin/agent
ENTRYPOINT ["/bin/agent", "-v=4"]

FROM gcr.io/distroless/static-debian12:nonroot AS prod
COPY --from=build /out/agent /agent
ENTRYPOINT ["/agent"]
