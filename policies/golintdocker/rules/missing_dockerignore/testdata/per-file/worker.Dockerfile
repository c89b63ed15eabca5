# worker.Dockerfile has no ignore file of its own, and the directory has no
# .dockerignore: api.Dockerfile.dockerignore does not apply to it.
FROM golang:1.27-alpine AS build
WORKDIR /src
# want: missing-dockerignore "COPY ./ ./ on line \d+ copies the whole build context, and there is no .dockerignore"
COPY ./ ./
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

FROM scratch
COPY --from=build /out/worker /worker
ENTRYPOINT ["/worker"]
