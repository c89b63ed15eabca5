# The image comes from a global ARG.
ARG BASE_IMAGE=gcr.io/distroless/static-debian12
ARG BUILDER_TAG

# No default and no --build-arg: the tag is unknown, nothing to say.
FROM golang:${BUILDER_TAG} AS build
WORKDIR /src
COPY . .
# want: image-tag-latest "RUN --mount from=golang has no tag, so it floats"
RUN --mount=type=bind,from=golang,source=/usr/local/go/lib/time/zoneinfo.zip,target=/zoneinfo.zip \
    CGO_ENABLED=0 go build -o /out/app .

# want: image-tag-latest "FROM gcr.io/distroless/static-debian12 has no tag, so it floats"
FROM ${BASE_IMAGE}
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
