package fix_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

// BenchmarkFix measures --fix --unsafe-fixes on a realistic Dockerfile
// (testdata/fix/build.input: nine fixes over several rounds) against the
// baseline of linting it once, in the same run.
func BenchmarkFix(b *testing.B) {
	dir := filepath.Join("..", "..", "testdata", "fix")
	path := filepath.Join(dir, "build.input")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	l := lint.New(testengine.Engine(b), lint.Options{ContextDir: dir, Facts: testengine.Facts(b)})
	lintData := func(ctx context.Context, d []byte) finding.Result { return l.Data(ctx, path, d) }
	b.Run("lint-once", func(b *testing.B) {
		for b.Loop() {
			lintData(context.Background(), data)
		}
	})
	b.Run("fix-all", func(b *testing.B) {
		for b.Loop() {
			if o := fix.File(context.Background(), data, lintData, fix.Options{Unsafe: true}); !o.Changed() {
				b.Fatal("nothing fixed")
			}
		}
	})
}
