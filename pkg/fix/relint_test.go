package fix_test

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

// relintFiles are the Dockerfiles the re-lint tests fix: every testdata
// Dockerfile (testdata/ and each rule's testdata/, testdata/fix/*.input)
// and, when ../shared is beside the repository, the corpus.
func relintFiles(t *testing.T) (files []string) {
	roots := []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "policies", "golintdocker", "rules")}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "fuzz" || d.Name() == "badinput" || d.Name() == "golden") {
				return filepath.SkipDir
			}
			n := d.Name()
			if !d.IsDir() && (n == "Dockerfile" || strings.HasPrefix(n, "Dockerfile.") || strings.HasSuffix(n, ".Dockerfile") || strings.HasSuffix(n, ".input")) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 100 {
		t.Fatalf("only %d testdata Dockerfiles found", len(files))
	}
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "files", "*"))
	if len(corpus) == 0 {
		t.Log("../shared/corpus is not beside the repository: the corpus is skipped")
	}
	return append(files, corpus...)
}

// counts is how many findings of each rule a result has.
func counts(fs []finding.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.RuleID]++
	}
	return m
}

// TestEachFixAlone applies every fix a finding offers, alone, to every
// testdata Dockerfile and the corpus, and lints again: the file must
// parse, the finding must be gone, and no rule may report more than
// before. A fix that creates a new warning fails here.
func TestEachFixAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("lints every file once per fix")
	}
	eng := testengine.Engine(t)
	l := lint.New(eng, lint.Options{Facts: testengine.Facts(t)})
	ctx := context.Background()
	tried := 0
	withEdits := map[string]bool{}
	problems := map[string][]string{} // rule -> what went wrong, where
	files := relintFiles(t)
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		before := l.Data(ctx, path, data)
		if before.Err != nil {
			continue
		}
		was := counts(before.Findings)
		for _, f := range before.Findings {
			if len(f.Edits) == 0 {
				continue
			}
			tried++
			withEdits[f.RuleID] = true
			if p := fixAlone(ctx, l, path, data, f, was); p != "" {
				problems[f.RuleID] = append(problems[f.RuleID], p)
			}
		}
	}
	check(t, problems)
	// Every rule that offers edits says whether they are safe.
	for _, r := range eng.Rules {
		if withEdits[r.ID] && r.FixSafety == "" {
			t.Errorf("%s (%s) offers edits, but its METADATA has no custom.fix_safety (safe or unsafe)", r.ID, r.File)
		}
	}
	if tried == 0 {
		t.Fatal("no finding offered a fix")
	}
	t.Logf("%d fixes applied alone", tried)
}

// fixAlone applies f's edits and says what is wrong with the result ("" if
// nothing).
func fixAlone(ctx context.Context, l *lint.Linter, path string, data []byte, f finding.Finding, was map[string]int) string {
	where := fmt.Sprintf("%s:%d", path, f.Line)
	next, err := fix.One(data, f)
	if err != nil {
		return fmt.Sprintf("%s: the edits do not fit: %v", where, err)
	}
	after := l.Data(ctx, path, next)
	if after.Err != nil {
		return fmt.Sprintf("%s: the fixed file does not parse: %v", where, after.Err)
	}
	now := counts(after.Findings)
	if now[f.RuleID] >= was[f.RuleID] {
		return fmt.Sprintf("%s: the finding is still there", where)
	}
	for _, id := range keys(now) {
		if id != f.RuleID && now[id] > was[id] {
			return fmt.Sprintf("%s: the fix adds a finding of %s", where, id)
		}
	}
	return ""
}

// TestFixAll fixes every file with every fix (safe and unsafe) as --fix
// --unsafe-fixes does: the result parses, no rule reports more than
// before, nothing fixable is left unless a note says why, and a second run
// changes nothing.
func TestFixAll(t *testing.T) {
	l := lint.New(testengine.Engine(t), lint.Options{Facts: testengine.Facts(t)})
	ctx := context.Background()
	opt := fix.Options{Unsafe: true}
	files := relintFiles(t)
	linted, changed := 0, 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lintData := func(ctx context.Context, b []byte) finding.Result { return l.Data(ctx, path, b) }
		o := fix.File(ctx, data, lintData, opt)
		if o.Initial.Err != nil {
			if o.Changed() {
				t.Errorf("%s does not parse, yet was changed", path)
			}
			continue
		}
		linted++
		if o.Changed() {
			changed++
		}
		if o.Result.Err != nil {
			t.Errorf("%s: the fixed file does not parse: %v", path, o.Result.Err)
			continue
		}
		was, now := counts(o.Initial.Findings), counts(o.Result.Findings)
		for _, id := range keys(now) {
			if now[id] > was[id] {
				t.Errorf("%s: after the fixes, %s reports %d (was %d)", path, id, now[id], was[id])
			}
		}
		if len(o.Notes) == 0 {
			for _, f := range o.Result.Findings {
				if opt.Applicable(f) {
					t.Errorf("%s:%d: %s still offers a fix after --fix", path, f.Line, f.RuleID)
				}
			}
		}
		if again := fix.File(ctx, o.After, lintData, opt); again.Changed() {
			t.Errorf("%s: a second --fix changed the file:\n%s", path, fix.Diff(path, o.After, again.After))
		}
	}
	t.Logf("%d files fixed, %d changed", linted, changed)
}

func keys[V any](m map[string]V) []string {
	out := slices.Collect(maps.Keys(m))
	sort.Strings(out)
	return out
}

// check fails the test for each rule with problems, showing a few. Every
// fix is complete: one that leaves another finding behind is a bug (issue
// 12), fixed at its cause, never listed as known.
func check(t *testing.T, problems map[string][]string) {
	t.Helper()
	for _, id := range keys(problems) {
		ps := problems[id]
		if len(ps) > 5 {
			ps = append(ps[:5:5], fmt.Sprintf("... %d more", len(problems[id])-5))
		}
		t.Errorf("the fix of %s:\n  %s", id, strings.Join(ps, "\n  "))
	}
}
