package lint_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/report"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// FuzzLint runs the whole lint of one file — document, rules, findings —
// and every output format on the result. Whatever the bytes: no panic, an
// error or findings with lines inside the file, and every format writes.
func FuzzLint(f *testing.F) {
	var seeds []string
	for _, dir := range []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "policies", "golintdocker", "rules")} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(d.Name(), "Dockerfile") {
				seeds = append(seeds, p)
			}
			return nil
		})
	}
	for _, p := range append(seeds, testenv.OptionalCorpus(f)...) {
		if data, err := os.ReadFile(p); err == nil && len(data) < 32<<10 {
			f.Add(data)
		}
	}
	l := lint.New(testengine.Engine(f), lint.Options{ContextDir: f.TempDir(), Facts: testengine.Facts(f)})
	f.Fuzz(func(t *testing.T, data []byte) {
		res := l.Bytes(context.Background(), "Dockerfile", data)
		if res.Err != nil && strings.Contains(res.Err.Error(), "internal error") {
			t.Fatal(res.Err)
		}
		n := strings.Count(string(data), "\n") + 1
		for _, fd := range res.Findings {
			if fd.Line < 1 || fd.Line > n || fd.EndLine < fd.Line {
				t.Fatalf("%s at lines %d-%d of %d", fd.RuleID, fd.Line, fd.EndLine, n)
			}
		}
		for _, format := range report.Formats() {
			var buf bytes.Buffer
			w, err := report.New(format, &buf, report.Tool{Name: "golint-docker", Version: "0.0.0"}, report.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(res); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if err := w.Close(report.Summary{Files: 1}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}
