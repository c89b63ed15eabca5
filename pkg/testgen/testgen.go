// Package testgen writes the large Dockerfiles that stress tests and
// benchmarks feed golint-docker: one long build, and long chains of stages.
//
// Not public API: test and benchmark input only.
package testgen

import (
	"bytes"
	"fmt"
)

// BigBuild is a build of at least size bytes: one stage of go builds,
// package installs (continued over two lines) and labels, then a distroless
// final stage.
func BigBuild(size int) []byte {
	var b bytes.Buffer
	b.WriteString("FROM golang:1.27-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n")
	for i := 0; b.Len() < size; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w -X main.v=%d\" -o /out/app%d ./cmd/app%d\n", i, i, i)
		case 1:
			fmt.Fprintf(&b, "RUN apk add --no-cache pkg%d \\\n    && echo built %d > /tmp/marker%d\n", i, i, i)
		default:
			fmt.Fprintf(&b, "LABEL org.example.step%d=\"step %d\"\n", i, i)
		}
	}
	b.WriteString("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app0 /app\nENTRYPOINT [\"/app\"]\n")
	return b.Bytes()
}

// ChainedStages is a Dockerfile of n stages, each built on the one before
// and running one command: 2n instructions.
func ChainedStages(n int) []byte {
	var b bytes.Buffer
	b.WriteString("FROM alpine:3.22 AS s0\nRUN echo 0 > /stage\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "FROM s%d AS s%d\nRUN echo %d > /stage\n", i-1, i, i)
	}
	return b.Bytes()
}
