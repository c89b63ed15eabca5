package bkcheck

import (
	"context"
	"testing"
)

// FuzzCheck feeds Check arbitrary bytes: it must return, never panic or hang.
// `go test` runs the seeds; `go test -fuzz FuzzCheck ./pkg/bkcheck` explores.
func FuzzCheck(f *testing.F) {
	for _, c := range checkCases {
		f.Add([]byte(c.bad))
	}
	f.Add([]byte("ARG BASE\nFROM $BASE AS a\nCOPY --from=a / /\n"))
	f.Add([]byte("FROM alpine\nONBUILD RUN echo $X\nFROM 0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Check(context.Background(), "Dockerfile", data, Options{DockerIgnore: []string{"*.md"}})
	})
}
