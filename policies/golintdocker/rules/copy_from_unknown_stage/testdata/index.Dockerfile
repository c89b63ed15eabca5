# Stage numbers past the end of the file.
FROM golang:1.27-alpine
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM alpine:3.22
RUN apk add --no-cache ca-certificates
# want: copy-from-unknown-stage "COPY --from=2: no stage 2: the file has 2 stages, numbered 0–1"
COPY --from=2 /out/app /usr/local/bin/app
COPY --from=0 /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
