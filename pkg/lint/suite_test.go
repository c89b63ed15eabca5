package lint_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

var (
	wantRe    = regexp.MustCompile(`^\s*#\s*want:\s*(.*)$`)
	optionsRe = regexp.MustCompile(`^\s*#\s*test-options:\s*(.+)$`)
	wantHead  = regexp.MustCompile(`^([a-z0-9-]+)\s+"`)
	wantNext  = regexp.MustCompile(`^\s+[a-z0-9-]+\s+"`)
)

// parseWants reads the `rule "message regexp"` pairs of a want comment. A
// regexp is taken as written (no escapes, so it may hold double quotes): it
// runs to the first double quote that ends the line or is followed by the
// next ` rule "`.
func parseWants(s string) ([][2]string, error) {
	var out [][2]string
	for s = strings.TrimSpace(s); s != ""; {
		m := wantHead.FindStringSubmatchIndex(s)
		if m == nil {
			return nil, fmt.Errorf("%q: write `# want: rule-name \"message regexp\"`", s)
		}
		rule, rest := s[m[2]:m[3]], s[m[1]:]
		end := -1
		for j := 0; j < len(rest) && end < 0; j++ {
			if rest[j] == '"' && (strings.TrimSpace(rest[j+1:]) == "" || wantNext.MatchString(rest[j+1:])) {
				end = j
			}
		}
		if end < 0 {
			return nil, fmt.Errorf("%q: the regexp of %s has no closing double quote", s, rule)
		}
		out = append(out, [2]string{rule, rest[:end]})
		s = strings.TrimSpace(rest[end+1:])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("a want comment names no rule")
	}
	return out, nil
}

// want is one `# want: rule "message regexp"` comment of a testdata
// Dockerfile: the instruction that follows it must be reported by rule with a
// message the regexp matches (anywhere in it: anchor it to match all).
type want struct {
	rule string
	msg  *regexp.Regexp
	line int // of the comment
}

// span is an instruction's lines; a finding belongs to the instruction its
// line falls in.
type span struct{ start, end int }

// expectation is what a testdata Dockerfile says about itself: its wants,
// by instruction, and the options to lint it with.
type expectation struct {
	wants  map[span][]want
	opts   lint.Options
	config map[string]any // data.golintdocker.config, when the file sets some
	enable []string       // opt-in rules turned on for the file (testengine)
}

func readExpectations(t *testing.T, path string, data []byte) expectation {
	t.Helper()
	// The build context is the Dockerfile's directory unless the file says
	// otherwise: discovery would find this repository's root for most of
	// testdata, and the tests must not depend on it.
	exp := expectation{wants: map[span][]want{}, opts: lint.Options{ContextDir: filepath.Dir(path)}}
	f, err := parse.Parse(path, data)
	if err != nil {
		t.Fatalf("%s does not parse: %v", path, err)
	}
	var pending []want
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
				case "trusted-registries":
					var list []any
					for _, r := range strings.Split(v, ",") {
						list = append(list, r)
					}
					exp.config = map[string]any{"trusted_registries": list}
				case "enable":
					exp.enable = append(exp.enable, v)
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
			pairs, err := parseWants(m[1])
			if err != nil {
				t.Fatalf("%s:%d: %v", path, n, err)
			}
			for _, p := range pairs {
				re, err := regexp.Compile(p[1])
				if err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
				pending = append(pending, want{rule: p[0], msg: re, line: n})
			}
			continue
		}
		for next < len(f.Instructions) && f.Instructions[next].Node.StartLine < n {
			next++
		}
		if next < len(f.Instructions) && f.Instructions[next].Node.StartLine == n && len(pending) > 0 {
			in := f.Instructions[next].Node
			sp := span{in.StartLine, in.EndLine}
			exp.wants[sp] = append(exp.wants[sp], pending...)
			pending = nil
		}
	}
	if len(pending) > 0 {
		t.Fatalf("%s:%d: `# want: %s` is not followed by an instruction", path, pending[0].line, pending[0].rule)
	}
	return exp
}

// Testdata Dockerfiles live in two places: a rule's own in
// policies/golintdocker/rules/NAME/testdata/ (only rule NAME is checked there,
// as staticcheck's analysistest checks one analyzer), and testdata/ at the
// root (the guide's examples, clean Dockerfiles: every rule is checked).
var testdataRoots = []string{
	filepath.Join("..", "..", "policies", "golintdocker", "rules"),
	filepath.Join("..", "..", "testdata"),
}

// testdataFile is one Dockerfile of the suite.
type testdataFile struct {
	path string
	rule string // the rule under test, "" for all of them
}

func testdataFiles(t *testing.T) []testdataFile {
	t.Helper()
	var out []testdataFile
	for _, root := range testdataRoots {
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
			if isDockerfile(d.Name()) && !strings.HasSuffix(d.Name(), fixedSuffix) {
				out = append(out, testdataFile{path: path, rule: ruleUnderTest(path)})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) == 0 {
		t.Fatal("no testdata Dockerfiles found")
	}
	return out
}

// ruleUnderTest is NAME (as findings spell it) for files under
// rules/NAME/testdata/.
func ruleUnderTest(path string) string {
	parts := strings.Split(filepath.ToSlash(path), "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "rules" && parts[i+2] == "testdata" {
			return strings.ReplaceAll(parts[i+1], "_", "-")
		}
	}
	return ""
}

// suite lints testdata Dockerfiles, each with the options its
// `# test-options:` line sets.
type suite struct {
	engine     *policy.Engine
	configured map[string]*policy.Engine // by configuration
	facts      *imagefacts.Catalog
}

func newSuite(t *testing.T) *suite {
	return &suite{engine: testengine.Engine(t), configured: map[string]*policy.Engine{}, facts: testengine.Facts(t)}
}

// linted is a testdata Dockerfile, what it expects and what it got: the
// findings of its rule under test (of every rule outside rules/NAME/testdata).
type linted struct {
	data     []byte
	file     *parse.File
	exp      expectation
	findings []finding.Finding
}

func (s *suite) lint(t *testing.T, tf testdataFile) linted {
	t.Helper()
	data, err := os.ReadFile(tf.path)
	if err != nil {
		t.Fatal(err)
	}
	return s.lintBytes(t, tf, data)
}

// lintBytes lints data as if it were tf (its directory, its options).
func (s *suite) lintBytes(t *testing.T, tf testdataFile, data []byte) linted {
	t.Helper()
	exp := readExpectations(t, tf.path, data)
	f, _ := parse.Parse(tf.path, data)
	exp.opts.Facts = s.facts
	e := s.engine
	if exp.config != nil || len(exp.enable) > 0 {
		k := fmt.Sprint(exp.config, exp.enable)
		if s.configured[k] == nil {
			s.configured[k] = testengine.EngineWith(t, exp.config, exp.enable...)
		}
		e = s.configured[k]
	}
	res := lint.New(e, exp.opts).Bytes(context.Background(), tf.path, data)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	l := linted{data: data, file: f, exp: exp}
	for _, fd := range res.Findings {
		if tf.rule == "" || fd.RuleName == tf.rule {
			l.findings = append(l.findings, fd)
		}
	}
	return l
}

// TestTestdata lints every testdata Dockerfile and compares the findings
// with its `# want:` comments, both ways.
func TestTestdata(t *testing.T) {
	s := newSuite(t)
	for _, tf := range testdataFiles(t) {
		path := tf.path
		t.Run(strings.TrimPrefix(filepath.ToSlash(path), "../../"), func(t *testing.T) {
			l := s.lint(t, tf)
			f, exp := l.file, l.exp
			got := map[span][]finding.Finding{}
			for _, fd := range l.findings {
				var sp span
				for _, in := range f.Instructions {
					if fd.Line >= in.Node.StartLine && fd.Line <= in.Node.EndLine {
						sp = span{in.Node.StartLine, in.Node.EndLine}
						break
					}
				}
				got[sp] = append(got[sp], fd)
			}
			for sp, fds := range got {
				checkWants(t, path, fds, exp.wants[sp])
			}
			for sp, ws := range exp.wants {
				if got[sp] == nil {
					checkWants(t, path, nil, ws)
				}
			}
		})
	}
}

// checkWants matches the findings of one instruction with its wants, one
// to one: each finding takes the first unused want of its rule whose regexp
// matches its message (as staticcheck's analysistest does). Whatever is
// left over on either side is an error.
func checkWants(t *testing.T, path string, fds []finding.Finding, ws []want) {
	t.Helper()
	used := make([]bool, len(ws))
	for _, fd := range fds {
		matched := false
		for i, w := range ws {
			if !used[i] && w.rule == fd.RuleName && w.msg.MatchString(fd.Message) {
				used[i], matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("%s:%d: unexpected finding %s: %s", path, fd.Line, fd.RuleName, fd.Message)
		}
	}
	for i, w := range ws {
		if !used[i] {
			t.Errorf("%s:%d: no %s finding with a message matching %q on the next instruction", path, w.line, w.rule, w.msg)
		}
	}
}

// TestEveryRuleHasTestdata: each built-in rule has testdata of its own
// (rules/NAME/testdata/) with a Dockerfile it fires on and one it stays quiet
// on, and no testdata directory names a rule that does not exist.
func TestEveryRuleHasTestdata(t *testing.T) {
	fires, quiet := map[string]int{}, map[string]int{}
	for _, tf := range testdataFiles(t) {
		if tf.rule == "" {
			continue
		}
		data, err := os.ReadFile(tf.path)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ws := range readExpectations(t, tf.path, data).wants {
			for _, w := range ws {
				if w.rule == tf.rule {
					n++
				}
			}
		}
		if n > 0 {
			fires[tf.rule]++
		} else {
			quiet[tf.rule]++
		}
	}
	l := testengine.Builtin(t)
	known := map[string]bool{}
	for _, r := range l.Rules {
		known[r.Name] = true
		dir := "policies/golintdocker/rules/" + strings.ReplaceAll(r.Name, "-", "_") + "/testdata/"
		if fires[r.Name] == 0 {
			t.Errorf("%s (%s): no Dockerfile in %s marks a line with `# want: %s`", r.ID, r.Name, dir, r.Name)
		}
		if quiet[r.Name] == 0 {
			t.Errorf("%s (%s): no Dockerfile in %s on which it stays quiet", r.ID, r.Name, dir)
		}
	}
	for name := range fires {
		if !known[name] {
			t.Errorf("testdata for %s, which is not a built-in rule", name)
		}
	}
	for name := range quiet {
		if !known[name] {
			t.Errorf("testdata for %s, which is not a built-in rule", name)
		}
	}
}

func isDockerfile(name string) bool {
	return name == "Dockerfile" || strings.HasPrefix(name, "Dockerfile.") || strings.HasSuffix(name, ".Dockerfile") || name == "Containerfile"
}

func TestParseWants(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [][2]string
	}{
		{`trimpath "builds without -trimpath"`, [][2]string{{"trimpath", "builds without -trimpath"}}},
		{`runs-as-root "stage "release" \(alpine"  no-healthcheck "has no HEALTHCHECK" `,
			[][2]string{{"runs-as-root", `stage "release" \(alpine`}, {"no-healthcheck", "has no HEALTHCHECK"}}},
		{`ldflags-strip "-ldflags "-w", without -s"`, [][2]string{{"ldflags-strip", `-ldflags "-w", without -s`}}},
		{`trimpath`, nil},
		{`trimpath "unterminated`, nil},
		{`trimpath, go-cache-mounts`, nil},
		{``, nil},
	} {
		got, err := parseWants(tc.in)
		if tc.want == nil {
			if err == nil {
				t.Errorf("%q: no error, got %q", tc.in, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %q, %v, want %q", tc.in, got, err, tc.want)
		}
	}
}
