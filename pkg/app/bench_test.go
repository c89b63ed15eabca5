package app

import (
	"bytes"
	"context"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/report"
)

// BenchmarkRunCached is a whole run over one Dockerfile whose result is in
// the cache, in process: what a cold start costs beyond the process's own
// start-up (package initialisation, paging the binary in).
func BenchmarkRunCached(b *testing.B) {
	s := Settings{
		Limits: DefaultLimits(), Finder: config.NewFinder("", "."),
		Tool:     report.Tool{Name: "golint-docker", Version: "bench"},
		CacheDir: b.TempDir(),
		Outputs:  []report.Output{{Format: "json"}},
	}
	file := "../../testdata/clean/Dockerfile"
	run := func() {
		var out, stderr bytes.Buffer
		if _, code := Run(context.Background(), s, []string{file}, IO{Stdout: &out, Stderr: &stderr}); code != ExitOK {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	run()
	b.ResetTimer()
	for b.Loop() {
		run()
	}
}
