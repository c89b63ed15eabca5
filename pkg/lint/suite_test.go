package lint_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

func engine(t testing.TB) *policy.Engine {
	t.Helper()
	l, err := policy.Load([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}}, false)
	if err != nil {
		t.Fatal(err)
	}
	// The rules that are off by default are on here, so that their
	// testdata is checked too.
	on := map[string]any{"golintdocker": map[string]any{"options": map[string]any{"no_healthcheck": map[string]any{"enabled": true}}}}
	e, err := policy.New(context.Background(), l, policy.Options{Data: on})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// facts are the image facts of the built-in data.
func facts(t testing.TB) *imagefacts.Catalog {
	t.Helper()
	c, err := policies.Facts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	wantRe    = regexp.MustCompile(`^\s*#\s*want:\s*(.+)$`)
	optionsRe = regexp.MustCompile(`^\s*#\s*test-options:\s*(.+)$`)
)

// expectation reads the `# want: rule[, rule]` comments of a testdata
// Dockerfile. A want comment applies to the instruction that follows it; a
// finding matches when its line falls inside that instruction.
type expectation struct {
	wants map[string][]string // "line-endline" -> rule names
	opts  lint.Options
}

func readExpectations(t *testing.T, path string, data []byte) expectation {
	t.Helper()
	// The build context is the Dockerfile's directory unless the file says
	// otherwise: discovery would find this repository's root for most of
	// testdata, and the tests must not depend on it.
	exp := expectation{wants: map[string][]string{}, opts: lint.Options{ContextDir: filepath.Dir(path)}}
	f, err := parse.Parse(path, data)
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	var pending []string
	next := 0
	for i, line := range f.Lines {
		n := i + 1
		if m := optionsRe.FindStringSubmatch(line); m != nil {
			for _, o := range strings.Fields(m[1]) {
				k, v, _ := strings.Cut(o, "=")
				switch k {
				case "target":
					exp.opts.Target = v
				case "context":
					// context=discover finds it as a run without --context
					// does; context=DIR is relative to the Dockerfile.
					exp.opts.ContextDir = filepath.Join(filepath.Dir(path), v)
					if v == "discover" {
						exp.opts.ContextDir = ""
					}
				case "build-arg":
					bk, bv, _ := strings.Cut(v, "=")
					if exp.opts.BuildArgs == nil {
						exp.opts.BuildArgs = map[string]string{}
					}
					exp.opts.BuildArgs[bk] = bv
				default:
					t.Fatalf("%s:%d: unknown test option %q", path, n, k)
				}
			}
		}
		if m := wantRe.FindStringSubmatch(line); m != nil {
			for _, r := range strings.Split(m[1], ",") {
				pending = append(pending, strings.TrimSpace(r))
			}
			continue
		}
		for next < len(f.Instructions) && f.Instructions[next].Node.StartLine < n {
			next++
		}
		if next < len(f.Instructions) && f.Instructions[next].Node.StartLine == n && len(pending) > 0 {
			in := f.Instructions[next].Node
			key := fmt.Sprintf("%d-%d", in.StartLine, in.EndLine)
			exp.wants[key] = append(exp.wants[key], pending...)
			pending = nil
		}
	}
	if len(pending) > 0 {
		t.Fatalf("%s: `# want: %s` is not followed by an instruction", path, strings.Join(pending, ", "))
	}
	return exp
}

// TestTestdata lints every Dockerfile under testdata/ and compares the
// findings with its `# want:` comments, both ways. Under testdata/rules/NAME/
// only rule NAME is checked (as staticcheck's analysistest checks one
// analyzer); everywhere else (the guide's examples, clean Dockerfiles) every
// rule is.
func TestTestdata(t *testing.T) {
	e := engine(t)
	root := filepath.Join("..", "..", "testdata")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "fuzz" || d.Name() == "badinput" || d.Name() == "golden" {
				return filepath.SkipDir
			}
			return nil
		}
		if !isDockerfile(d.Name()) {
			return nil
		}
		n++
		t.Run(strings.TrimPrefix(filepath.ToSlash(path), "../../testdata/"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			exp := readExpectations(t, path, data)
			f, _ := parse.Parse(path, data)
			exp.opts.Facts = facts(t)
			res := lint.New(e, exp.opts).Bytes(context.Background(), path, data)
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			only := ruleUnderTest(path)
			got := map[string][]string{}
			for _, fd := range res.Findings {
				if only != "" && fd.RuleName != only {
					continue
				}
				key := ""
				for _, in := range f.Instructions {
					if fd.Line >= in.Node.StartLine && fd.Line <= in.Node.EndLine {
						key = fmt.Sprintf("%d-%d", in.Node.StartLine, in.Node.EndLine)
						break
					}
				}
				got[key] = append(got[key], fd.RuleName)
			}
			keys := map[string]bool{}
			for k := range got {
				keys[k] = true
			}
			for k := range exp.wants {
				keys[k] = true
			}
			var sorted []string
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				g, w := norm(got[k]), norm(exp.wants[k])
				if !slices.Equal(g, w) {
					t.Errorf("%s lines %s: got %v, want %v", path, k, g, w)
					for _, fd := range res.Findings {
						if fmt.Sprint(fd.Line) == strings.Split(k, "-")[0] {
							t.Logf("  %s: %s", fd.RuleName, fd.Message)
						}
					}
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no testdata Dockerfiles found")
	}
}

// ruleUnderTest is NAME for files under testdata/rules/NAME/.
func ruleUnderTest(path string) string {
	parts := strings.Split(filepath.ToSlash(path), "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "testdata" && parts[i+1] == "rules" {
			return parts[i+2]
		}
	}
	return ""
}

func norm(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

func isDockerfile(name string) bool {
	return name == "Dockerfile" || strings.HasPrefix(name, "Dockerfile.") || strings.HasSuffix(name, ".Dockerfile") || name == "Containerfile"
}
