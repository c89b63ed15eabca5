# The classic two-stage file with no stage names, and a mount by number.
FROM golang:1.27-alpine
WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download

FROM golang:1.27-alpine
WORKDIR /go/src/app
COPY . .
# want: copy-from-index "RUN --mount from=0 refers to stage 0 \(FROM golang:1.27-alpine, which has no name, line \d+\) by number"
RUN --mount=type=bind,from=0,source=/go/pkg/mod,target=/go/pkg/mod \
    CGO_ENABLED=0 go build -o /go/bin/app .

FROM gcr.io/distroless/static-debian12:nonroot
# want: copy-from-index "COPY --from=1 refers to stage 1 \(FROM golang:1.27-alpine, which has no name, line \d+\) by number"
COPY --from=1 /go/bin/app /app
ENTRYPOINT ["/app"]
