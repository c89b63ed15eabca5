package bkcheck

import (
	"bytes"
	"context"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// benchDockerfile is a typical small Dockerfile of a Go service.
var benchDockerfile = []byte(`# syntax=docker/dockerfile:1
ARG GO_VERSION=1.23
FROM golang:${GO_VERSION} as build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ENV CGO_ENABLED 0
RUN go build -trimpath -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
EXPOSE 8080
ENTRYPOINT /app
`)

// BenchmarkCheck is BuildKit's checks through dockerfile2llb.DockerfileLint.
func BenchmarkCheck(b *testing.B) {
	for b.Loop() {
		if _, err := Check(context.Background(), "Dockerfile", benchDockerfile, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseOnly is BuildKit's parser and instructions.Parse alone, with
// the linter that fires the checks instructions.Parse knows: the baseline.
func BenchmarkParseOnly(b *testing.B) {
	lint := linter.New(&linter.Config{Warn: func(string, string, string, string, []parser.Range) {}})
	for b.Loop() {
		res, err := parser.Parse(bytes.NewReader(benchDockerfile))
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := instructions.Parse(res.AST, lint); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckDockerignore is BenchmarkCheck with a .dockerignore, which
// BuildKit reads through the stand-in daemon's client (an LLB state
// marshalled and solved, once per client: clients are kept by options);
// without one, Check leaves the client out.
func BenchmarkCheckDockerignore(b *testing.B) {
	opts := Options{DockerIgnore: []string{".git", "*.env", "bin/"}}
	for b.Loop() {
		if _, err := Check(context.Background(), "Dockerfile", benchDockerfile, opts); err != nil {
			b.Fatal(err)
		}
	}
}
