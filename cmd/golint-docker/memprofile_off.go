//go:build !memprofile

package main

import (
	"fmt"
	"os"
)

// memProfile without -tags memprofile: GOLINT_DOCKER_MEMPROFILE says how
// to get the profile (see memprofile.go).
func memProfile(path string) (stop func()) {
	if path != "" {
		fmt.Fprintln(os.Stderr, "golint-docker: GOLINT_DOCKER_MEMPROFILE: this binary has no heap profiler (go build -tags memprofile ./cmd/golint-docker)")
	}
	return func() {}
}
