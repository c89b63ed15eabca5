package lint

import (
	"errors"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
)

// dockerignore is what BuildKit's CopyIgnoredFile check is given: the
// patterns of the build context's ignore file, nil when the context is
// unknown, has none, or has one that could not be read.
func dockerignore(c *document.Context) []string {
	if c == nil || c.Dockerignore == "" || c.DockerignoreError != "" {
		return nil
	}
	return c.DockerignorePatterns
}

// buildkitStopped adds to BuildKit's findings fs where its checks stopped,
// err: a BuildError finding on the instruction BuildKit cannot build, or a
// note when BuildKit named no line.
func buildkitStopped(fs []finding.Finding, err error) ([]finding.Finding, string) {
	if err == nil {
		return fs, ""
	}
	var e *bkcheck.Error
	if !errors.As(err, &e) {
		return fs, "BuildKit's checks did not run: " + err.Error()
	}
	if f, ok := e.Finding(); ok {
		return append(fs, f), ""
	}
	return fs, "BuildKit's checks stopped: " + e.Msg
}
