package lint_test

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
)

var update = flag.Bool("update", false, "rewrite the .fixed golden files of the testdata")

// fixedSuffix names the golden file of a testdata Dockerfile: NAME.fixed is
// NAME with every edit of its findings applied (staticcheck's .golden).
const fixedSuffix = ".fixed"

// TestFixed applies the edits of every testdata Dockerfile's findings (the
// rule under test's, in rules/NAME/testdata) and compares the result with
// NAME.fixed beside it; a file without edits has no .fixed file.
// go test ./pkg/lint -run TestFixed -update rewrites them.
//
// In a rule's testdata the fixed file must also be done with: linted again,
// the rule finds nothing more to edit there (a fix that calls for another is
// a broken fix). Across rules this need not hold (go-cache-mounts edits a
// `go mod download` only once the build after it has its mounts).
func TestFixed(t *testing.T) {
	s := newSuite(t)
	want := map[string]bool{}
	for _, tf := range testdataFiles(t) {
		golden := tf.path + fixedSuffix
		want[golden] = true
		t.Run(strings.TrimPrefix(filepath.ToSlash(golden), "../../"), func(t *testing.T) {
			l := s.lint(t, tf)
			got, n, err := applyAll(l.data, l.file.Lines, l.findings)
			if err != nil {
				t.Fatalf("%s: %v", tf.path, err)
			}
			if n > 0 && tf.rule != "" {
				for _, f := range s.lintBytes(t, tf, got).findings {
					if len(f.Edits) > 0 {
						t.Errorf("%s:%d: the fixed file still gets an edit from %s: %s", golden, f.Line, f.RuleName, f.Message)
					}
				}
			}
			if *update {
				writeGolden(t, golden, got, n > 0)
				return
			}
			old, err := os.ReadFile(golden)
			switch {
			case n == 0 && err == nil:
				t.Errorf("%s: the findings of %s carry no edits: remove it (or run go test ./pkg/lint -run TestFixed -update)", golden, tf.path)
			case n == 0:
			case err != nil:
				t.Errorf("%v (run go test ./pkg/lint -run TestFixed -update to create it)", err)
			case !bytes.Equal(got, old):
				t.Errorf("%s: the edits of %s give something else, %s (run go test ./pkg/lint -run TestFixed -update and review the diff)", golden, tf.path, firstDiff(got, old))
			}
		})
	}
	// A .fixed file whose Dockerfile is gone.
	for _, root := range testdataRoots {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() && p == filepath.Join("..", "..", "testdata", "fix") {
				return filepath.SkipDir // NAME.input → NAME.fixed: --fix's goldens (pkg/fix TestGolden)
			}
			if err == nil && !d.IsDir() && strings.HasSuffix(p, fixedSuffix) && !want[p] {
				t.Errorf("%s: no testdata Dockerfile %s beside it", p, strings.TrimSuffix(p, fixedSuffix))
			}
			return nil
		})
	}
}

// applyAll applies the edits of every finding to the file and tells how many
// findings it took them from. The findings' edits come normalised to the
// lines; where two findings' edits overlap, the one that starts first wins
// and the other is left out, as a fixer applies one and defers the other.
func applyAll(data []byte, lines []string, fds []finding.Finding) ([]byte, int, error) {
	fds = slices.Clone(fds)
	fds = slices.DeleteFunc(fds, func(f finding.Finding) bool { return len(f.Edits) == 0 })
	slices.SortStableFunc(fds, func(a, b finding.Finding) int {
		return cmp.Or(cmp.Compare(a.Edits[0].Line, b.Edits[0].Line), cmp.Compare(a.Edits[0].Column, b.Edits[0].Column))
	})
	var kept []finding.Edit
	n := 0
	for _, f := range fds {
		if slices.ContainsFunc(f.Edits, func(e finding.Edit) bool { return slices.ContainsFunc(kept, overlaps(e)) }) {
			continue
		}
		kept = append(kept, f.Edits...)
		n++
	}
	if n == 0 {
		return nil, 0, nil
	}
	text, err := fix.Apply(lines, 1, len(lines), kept)
	if err != nil {
		return nil, 0, fmt.Errorf("applying %d edits: %w", len(kept), err)
	}
	if bytes.HasSuffix(data, []byte("\n")) {
		text += "\n"
	}
	return []byte(text), n, nil
}

// overlaps reports whether an edit overlaps e; two insertions at the same
// place do too (their order would be a guess).
func overlaps(e finding.Edit) func(finding.Edit) bool {
	before := func(l1, c1, l2, c2 int) bool { return l1 < l2 || l1 == l2 && c1 < c2 }
	return func(o finding.Edit) bool {
		return before(o.Line, o.Column, e.EndLine, e.EndColumn) && before(e.Line, e.Column, o.EndLine, o.EndColumn) ||
			o.Line == e.Line && o.Column == e.Column
	}
}

func writeGolden(t *testing.T, path string, data []byte, keep bool) {
	t.Helper()
	if !keep {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("from line %d: got %q, want %q", i+1, gl, wl)
		}
	}
	return "identical"
}
