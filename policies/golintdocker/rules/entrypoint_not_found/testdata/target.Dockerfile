# test-options: target=api
# Only the stage being built counts: with --target=api the final image is
# "api", whose ENTRYPOINT names a binary that only the "worker" stage copies.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/ ./cmd/...

FROM scratch AS worker
COPY --from=build /out/worker /worker
ENTRYPOINT ["/worker"]

FROM scratch AS api
COPY --from=build /out/api /api
# want: entrypoint-not-found "ENTRYPOINT runs /worker, but nothing in the final stage \(scratch\) provides it"
ENTRYPOINT ["/worker"]

FROM scratch
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
