package fix_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

var update = flag.Bool("update", false, "rewrite testdata/fix/*.fixed from what --fix does now")

// TestGolden fixes each testdata/fix/NAME.input (a Dockerfile; its build
// context is testdata/fix) and compares the result with NAME.fixed, byte
// for byte: line endings, escape token, comments and untouched lines
// included. A file with a `# fix-test: unsafe` line gets the unsafe fixes
// too, as --unsafe-fixes does; otherwise only those of rules whose
// metadata says fix_safety: safe. A file that does not parse has no
// .fixed: it must come back untouched, with its error. go test -update
// rewrites the .fixed files.
func TestGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "fix")
	inputs, _ := filepath.Glob(filepath.Join(dir, "*.input"))
	if len(inputs) < 5 {
		t.Fatalf("found %d inputs in %s", len(inputs), dir)
	}
	// The default options: the goldens are what --fix does out of the box.
	eng, err := policy.New(context.Background(), testengine.Builtin(t), policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	safe := map[string]bool{}
	for _, r := range eng.Rules {
		safe[r.ID] = r.SafeFix()
	}
	l := lint.New(eng, lint.Options{ContextDir: dir, Facts: testengine.Facts(t)})
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".input")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			opt := fix.Options{Safe: func(id string) bool { return safe[id] }, Unsafe: bytes.Contains(data, []byte("# fix-test: unsafe"))}
			lintData := func(ctx context.Context, b []byte) finding.Result { return l.Data(ctx, in, b) }
			o := fix.File(context.Background(), data, lintData, opt)
			golden := strings.TrimSuffix(in, ".input") + ".fixed"
			if o.Initial.Err != nil {
				if o.Changed() || len(o.Fixed) > 0 {
					t.Errorf("a file that does not parse was changed")
				}
				if _, err := os.Stat(golden); err == nil {
					t.Errorf("%s does not parse (%v), yet has a .fixed file", in, o.Initial.Err)
				}
				return
			}
			if len(o.Notes) > 0 {
				t.Errorf("notes: %q", o.Notes)
			}
			if *update {
				if err := os.WriteFile(golden, o.After, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(o.After, want) {
				t.Errorf("%s differs from the fixed file:\n%s", golden, fix.Diff(golden, want, o.After))
			}
			again := fix.File(context.Background(), o.After, lintData, opt)
			if again.Changed() {
				t.Errorf("a second run changed the file:\n%s", fix.Diff(golden, o.After, again.After))
			}
			checkKept(t, data, o.After)
		})
	}
}

// checkKept: every line of before that no fix touched is in after, in
// order, byte for byte (with its line ending); the line endings and the
// escape directive are those of before.
func checkKept(t *testing.T, before, after []byte) {
	t.Helper()
	b, a := bytes.SplitAfter(before, []byte("\n")), bytes.SplitAfter(after, []byte("\n"))
	j := 0
	kept := 0
	for _, line := range b {
		for k := j; k < len(a); k++ {
			if bytes.Equal(a[k], line) {
				j, kept = k+1, kept+1
				break
			}
		}
	}
	if kept < len(b)/2 {
		t.Errorf("only %d of %d lines kept as they were", kept, len(b))
	}
	if crlf := bytes.Count(before, []byte("\r\n")); crlf > 0 && bytes.Count(after, []byte("\r\n")) != bytes.Count(after, []byte("\n")) {
		t.Errorf("a CRLF file has LF lines after the fixes")
	}
	if bytes.HasPrefix(before, []byte("# escape=")) && !bytes.HasPrefix(after, b[0]) {
		t.Errorf("the escape directive changed")
	}
}
