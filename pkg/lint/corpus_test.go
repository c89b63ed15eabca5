package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// TestCorpus lints every real-world Dockerfile of ../shared/corpus: no
// panic, no internal error, and a file fails only when BuildKit itself
// rejects it (a parse error naming the line).
func TestCorpus(t *testing.T) {
	files := testenv.Corpus(t)
	if len(files) < 300 {
		t.Fatalf("found %d corpus files; ../shared/corpus/files should hold a few hundred", len(files))
	}
	l := lint.New(testengine.Engine(t), lint.Options{Facts: testengine.Facts(t)})
	parsed, findings := 0, 0
	for _, f := range files {
		res := l.File(context.Background(), discover.File{Path: f}, nil)
		if res.Err != nil {
			if data, err := os.ReadFile(f); err == nil {
				if _, err := parse.Parse(f, data); err == nil {
					t.Errorf("%s: parses, yet fails: %v", filepath.Base(f), res.Err)
				}
			}
			if strings.Contains(res.Err.Error(), "internal error") {
				t.Errorf("%s: %v", filepath.Base(f), res.Err)
			}
			continue
		}
		parsed++
		for _, fd := range res.Findings {
			findings++
			if fd.Line < 1 || fd.EndLine < fd.Line || fd.Message == "" || fd.RuleID == "" {
				t.Errorf("%s: malformed finding %+v", filepath.Base(f), fd)
			}
			if fd.Edits != nil && fd.Replacement == "" {
				t.Errorf("%s: %s has edits but no replacement", filepath.Base(f), fd.RuleID)
			}
		}
	}
	if parsed < len(files)*9/10 {
		t.Errorf("only %d of %d corpus files parsed", parsed, len(files))
	}
	t.Logf("%d files, %d parsed, %d findings", len(files), parsed, findings)
}
