FROM golang:1.26 AS tools
ARG GOLANGCI_LINT_VERSION
RUN go install github.com/go-delve/delve/cmd/dlv@v1.25.0 \
 && go install golang.org/x/vuln/cmd/govulncheck@v1.1.4 \
 && go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@${GOLANGCI_LINT_VERSION}

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
# Tools pinned by go.mod's tool directives.
RUN go install tool
COPY . .
RUN CGO_ENABLED=0 go install -trimpath -ldflags="-s -w" ./cmd/api

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /go/bin/api /api
ENTRYPOINT ["/api"]
