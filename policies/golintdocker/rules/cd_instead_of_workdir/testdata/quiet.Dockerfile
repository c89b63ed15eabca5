FROM golang:1.26 AS build
WORKDIR /go/src/github.com/acme/app
COPY . .
RUN go mod download
RUN cd /tmp && curl -fsSLO https://example.com/protoc.zip && unzip protoc.zip -d /usr/local && rm protoc.zip
RUN (cd tools && go install ./...) && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
