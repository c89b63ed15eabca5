// Package testenv decides which optional tests run: the ones that read the
// real-world corpus beside the repository (../shared/corpus), and the stress
// tests that only `make test-stress` runs. On a plain clone both are skipped
// with a message saying why; CI sets GOLINT_DOCKER_REQUIRE_CORPUS=1 so that
// the corpus tests fail there instead of vanishing. It also reads what the
// memory tests measure of the processes they start (VmHWM).
//
// Not public API: for this repository's tests only.
package testenv

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

const (
	// RequireCorpusEnv set to 1 turns a missing corpus into a failure.
	RequireCorpusEnv = "GOLINT_DOCKER_REQUIRE_CORPUS"
	// CorpusEnv is a glob of other Dockerfiles to use as the corpus.
	CorpusEnv = "GOLINT_DOCKER_CORPUS"
	// StressEnv set to 1 runs the stress tests (make test-stress).
	StressEnv = "GOLINT_DOCKER_STRESS"
)

// CorpusGlob is the glob of the corpus files: $GOLINT_DOCKER_CORPUS, else
// shared/corpus/files/* beside the repository root (the directory of
// go.mod, found upward from the test's working directory).
func CorpusGlob() (string, error) {
	if g := os.Getenv(CorpusEnv); g != "" {
		return g, nil
	}
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(root), "shared", "corpus", "files", "*"), nil
}

// Corpus returns the corpus files. When there are none it skips t, saying
// where it looked, or fails t under GOLINT_DOCKER_REQUIRE_CORPUS=1.
func Corpus(t testing.TB) []string {
	t.Helper()
	files, where := corpus(t)
	if len(files) == 0 {
		missing(t, where)
		t.SkipNow()
	}
	return files
}

// OptionalCorpus returns the corpus files for a test that has other inputs
// too (testdata, fuzz seeds): nil when there are none, which is logged, or a
// failure under GOLINT_DOCKER_REQUIRE_CORPUS=1.
func OptionalCorpus(t testing.TB) []string {
	t.Helper()
	files, where := corpus(t)
	if len(files) == 0 {
		missing(t, where)
	}
	return files
}

func corpus(t testing.TB) ([]string, string) {
	t.Helper()
	glob, err := CorpusGlob()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(glob)
	if err != nil {
		t.Fatalf("%s: %v", glob, err)
	}
	return files, glob
}

func missing(t testing.TB, where string) {
	t.Helper()
	msg := fmt.Sprintf("no corpus files at %s (the shared corpus beside the repository, or $%s)", where, CorpusEnv)
	if os.Getenv(RequireCorpusEnv) == "1" {
		t.Fatalf("%s, and $%s=1 requires them", msg, RequireCorpusEnv)
	}
	t.Log(msg + ": the corpus tests are skipped")
}

// Stress skips t unless GOLINT_DOCKER_STRESS=1: a test too slow or too
// sensitive to the machine's load for `make test`.
func Stress(t testing.TB) {
	t.Helper()
	if os.Getenv(StressEnv) != "1" {
		t.Skipf("stress test: run it with make test-stress ($%s=1)", StressEnv)
	}
}

// moduleRoot is the nearest directory upward holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testenv: no go.mod above the working directory")
		}
		dir = parent
	}
}
