# The build goes through make, which reads TAGS: timetzdata is in it, so
# the binary embeds the database.
FROM golang:1.27-alpine AS build
RUN apk add --no-cache make git
ENV TAGS="netgo osusergo timetzdata"
WORKDIR /src
COPY . .
RUN make build

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /src/bin/server /server
USER 65532:65532
ENTRYPOINT ["/server"]
