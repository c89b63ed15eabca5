package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/report"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// cachedRun lints paths with s and returns the JSON report, what the run
// took from the results and what it evaluated, and the runner.
func cachedRun(t *testing.T, s Settings, paths ...string) (string, lint.ResultStats, *runner) {
	t.Helper()
	var out, stderr bytes.Buffer
	s.Outputs = []report.Output{{Format: "json"}}
	_, code, r := start(context.Background(), s, paths, IO{Stdout: &out, Stderr: &stderr})
	if code == ExitError {
		t.Fatalf("exit %d\n%s%s", code, out.String(), stderr.String())
	}
	return out.String(), r.results.Stats(), r
}

func baseSettings(repo, cacheDir string) Settings {
	return Settings{
		Limits: DefaultLimits(), Finder: config.NewFinder("", repo),
		Tool:     report.Tool{Name: "golint-docker", Version: "test"},
		CacheDir: cacheDir,
	}
}

const goService = `FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app .
FROM alpine:3.20
COPY --from=build /app /app
ENTRYPOINT ["/app"]
`

// project writes a small Go service: its Dockerfile, go.mod, go.sum and a
// repository root.
func project(t *testing.T) string {
	t.Helper()
	repo := t.TempDir()
	for name, content := range map[string]string{
		".git/HEAD":      "ref: refs/heads/main\n",
		"Dockerfile":     goService,
		"go.mod":         "module example.com/svc\n\ngo 1.22\n\nrequire golang.org/x/text v0.14.0\n",
		"go.sum":         "golang.org/x/text v0.14.0 h1:x\n",
		"main.go":        "package main\n\nfunc main() {}\n",
		"policy/x.rego":  customPolicy("custom-rule", "GDX01"),
		"other/x.rego":   customPolicy("custom-rule", "GDX01"),
		"config/c1.yaml": "trusted-registries: [registry.example.com]\n",
	} {
		p := filepath.Join(repo, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func customPolicy(name, id string) string {
	pkg := strings.ReplaceAll(name, "-", "_")
	return fmt.Sprintf(`# METADATA
# title: A custom rule
# description: Reports the first stage.
# custom:
#   id: %s
#   severity: info
package golintdocker.rules.%s

deny contains {"msg": "first stage", "line": input.stages[0].line}
`, id, pkg)
}

// TestCacheKey: a second run takes every result from the cache; a change
// to anything that decides a result is a miss, and its findings are those
// of a run without the cache.
func TestCacheKey(t *testing.T) {
	repo := project(t)
	cacheDir := t.TempDir()
	df := filepath.Join(repo, "Dockerfile")
	write := func(name, content string) func() {
		p := filepath.Join(repo, filepath.FromSlash(name))
		old, err := os.ReadFile(p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
		return func() {
			if err != nil {
				os.RemoveAll(p)
			} else {
				os.WriteFile(p, old, 0o644)
			}
		}
	}
	remove := func(name string) func() {
		p := filepath.Join(repo, name)
		old, _ := os.ReadFile(p)
		os.Remove(p)
		return func() { os.WriteFile(p, old, 0o644) }
	}
	base := baseSettings(repo, cacheDir)
	if _, st, _ := cachedRun(t, base, df); st.Evaluated != 1 {
		t.Fatalf("the first run: %+v", st)
	}
	for _, tc := range []struct {
		name   string
		change func(s *Settings) (undo func())
	}{
		{"the Dockerfile", func(*Settings) func() { return write("Dockerfile", goService+"USER 65532\n") }},
		{"a comment in the Dockerfile", func(*Settings) func() { return write("Dockerfile", "# syntax note\n"+goService) }},
		{".dockerignore", func(*Settings) func() { return write(".dockerignore", "go.sum\n") }},
		{"<Dockerfile>.dockerignore", func(*Settings) func() { return write("Dockerfile.dockerignore", "*.md\n") }},
		{"go.mod's go line", func(*Settings) func() {
			return write("go.mod", "module example.com/svc\n\ngo 1.13\n\nrequire golang.org/x/text v0.14.0\n")
		}},
		{"go.mod's requirements", func(*Settings) func() { return write("go.mod", "module example.com/svc\n\ngo 1.22\n") }},
		{"no go.sum", func(*Settings) func() { return remove("go.sum") }},
		{"vendor/modules.txt", func(*Settings) func() { return write("vendor/modules.txt", "# golang.org/x/text v0.14.0\n") }},
		{"a policy directory", func(s *Settings) func() {
			s.PolicyDirs = []string{filepath.Join(repo, "policy")}
			return func() {}
		}},
		{"a policy's content", func(s *Settings) func() {
			s.PolicyDirs = []string{filepath.Join(repo, "policy")}
			return write("policy/x.rego", strings.Replace(customPolicy("custom-rule", "GDX01"), "first stage", "the first stage", 1))
		}},
		{"a policy's path (same content)", func(s *Settings) func() {
			s.PolicyDirs = []string{filepath.Join(repo, "other")}
			return func() {}
		}},
		{"a policy's data", func(s *Settings) func() {
			s.PolicyDirs = []string{filepath.Join(repo, "policy")}
			return write("policy/data.json", `{"golintdocker": {"extra": 1}}`)
		}},
		{"the configuration's data", func(s *Settings) func() {
			s.ConfigFile = filepath.Join(repo, "config", "c2.yaml")
			return write("config/c2.yaml", "data:\n  go:\n    supported: [\"1.27\"]\n")
		}},
		{"trusted registries", func(s *Settings) func() { s.TrustedRegistries = []string{"registry.example.com"}; return func() {} }},
		{"a build arg", func(s *Settings) func() { s.BuildArgs = map[string]string{"GOOS": "linux"}; return func() {} }},
		{"the target", func(s *Settings) func() { s.Target = "build"; return func() {} }},
		{"BuildKit's checks off", func(s *Settings) func() { s.BuildKitChecks = ptr(false); return func() {} }},
		{"an ignored rule", func(s *Settings) func() { s.Ignore = []string{"GD014"}; return func() {} }},
		{"a rule off by default enabled", func(s *Settings) func() {
			s.ConfigFile = filepath.Join(repo, "config", "c3.yaml")
			return write("config/c3.yaml", "enable: [no-healthcheck]\n")
		}},
		{"a severity", func(s *Settings) func() {
			s.Severity = []SeverityOverride{{Rule: "GD014", Severity: 2}}
			return func() {}
		}},
		{"--context", func(s *Settings) func() { s.ContextDir = filepath.Join(repo, "policy"); return func() {} }},
		{"the version", func(s *Settings) func() { s.Tool.Version = "test2"; return func() {} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := base
			undo := tc.change(&s)
			defer undo()
			first, st, _ := cachedRun(t, s, df)
			if st.Evaluated != 1 || st.Hits != 0 {
				t.Fatalf("first run after the change: %+v, want a miss", st)
			}
			again, st, r := cachedRun(t, s, df)
			if st.Evaluated != 0 || st.Hits != 1 || again != first {
				t.Fatalf("second run: %+v, want a hit with the same report", st)
			}
			for _, c := range r.catalogues {
				if c.engine != nil && c.engine.eng != nil {
					t.Error("a run whose results all came from the cache compiled the rules")
				}
			}
			s.CacheDir = ""
			if plain, _, _ := cachedRun(t, s, df); plain != first {
				t.Fatalf("with the cache:\n%s\nwithout:\n%s", first, plain)
			}
		})
	}
	// Back to the start: every setting seen before is a hit.
	if _, st, _ := cachedRun(t, base, df); st.Hits != 1 {
		t.Fatalf("the unchanged project: %+v", st)
	}
	// --enable turns on what the configuration's enable: did: the same
	// rules, the same key.
	s := base
	s.Enable = []string{"no-healthcheck"}
	if _, st, _ := cachedRun(t, s, df); st.Hits != 1 {
		t.Fatalf("--enable no-healthcheck after enable: [no-healthcheck]: %+v, want a hit", st)
	}
}

// TestCacheBinary: another binary, or another cache format, is another key.
func TestCacheBinary(t *testing.T) {
	var cat [32]byte
	a := cacheSalt("v1", "go:abc", cat)
	for _, b := range [][2]string{{"v2", "go:abc"}, {"v1", "go:abd"}} {
		if cacheSalt(b[0], b[1], cat) == a {
			t.Errorf("%v: same salt", b)
		}
	}
	cat[0] = 1
	if cacheSalt("v1", "go:abc", cat) == a {
		t.Error("another catalogue: same salt")
	}
	id, err := executableID()
	if err != nil || !strings.HasPrefix(id, "go:") {
		t.Fatalf("executableID: %q, %v", id, err)
	}
}

// TestHitOnlyReads: a run whose files all hit leaves the cache as it was
// (no trimming, nothing removed); the next run that evaluates a file
// trims it, and clears what an older cache version left.
func TestHitOnlyReads(t *testing.T) {
	repo := project(t)
	dir := filepath.Join(t.TempDir(), "cache")
	s := baseSettings(repo, dir)
	df := filepath.Join(repo, "Dockerfile")
	if _, st, _ := cachedRun(t, s, df); st.Evaluated != 1 {
		t.Fatalf("first run: %+v, want one evaluation", st)
	}
	old := filepath.Join(dir, "v1", "ab")
	if err := os.MkdirAll(old, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, st, _ := cachedRun(t, s, df); st.Evaluated != 0 || st.Hits != 1 {
		t.Fatalf("second run: %+v, want one hit and no evaluation", st)
	}
	if _, err := os.Stat(old); err != nil {
		t.Fatalf("a run of hits only changed the cache: %v", err)
	}
	if err := os.WriteFile(df, []byte(goService+"USER 65532\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, st, _ := cachedRun(t, s, df); st.Evaluated != 1 {
		t.Fatalf("third run: %+v, want one evaluation", st)
	}
	if _, err := os.Stat(filepath.Join(dir, "v1")); !os.IsNotExist(err) {
		t.Errorf("a run that stored a result left the older version's directory: %v", err)
	}
}

// TestNotCached: results that can change between runs are never kept:
// errors, rules that call the clock or random numbers, and any run that
// opens the policy sandbox (--allow).
func TestNotCached(t *testing.T) {
	repo := project(t)
	df := filepath.Join(repo, "Dockerfile")
	for name, rego := range map[string]string{
		"clock": strings.Replace(customPolicy("clock", "GDX02"), `"first stage"`, `sprintf("at %d", [time.now_ns()])`, 1),
		"rand":  strings.Replace(customPolicy("rand", "GDX03"), `"first stage"`, `sprintf("%d", [rand.intn("x", 100)])`, 1),
		"error": strings.Replace(customPolicy("error", "GDX04"), `deny contains {"msg": "first stage", "line": input.stages[0].line}`,
			"x := 1 if input.stages\nx := 2 if input.stages\ndeny contains {\"msg\": \"x\", \"line\": x}", 1),
	} {
		os.MkdirAll(filepath.Join(repo, name), 0o755)
		os.WriteFile(filepath.Join(repo, name, "x.rego"), []byte(rego), 0o644)
	}
	for _, name := range []string{"clock", "rand"} {
		t.Run(name, func(t *testing.T) {
			s := baseSettings(repo, t.TempDir())
			s.PolicyDirs = []string{filepath.Join(repo, name)}
			if name == "clock" {
				s.Allow = []string{"clock"} // else it does not compile
			}
			for range 2 {
				if _, st, _ := cachedRun(t, s, df); st.Hits != 0 {
					t.Fatalf("%+v: a hit", st)
				}
			}
		})
	}
	for _, allow := range []string{"net", "env", "clock", "files", "all"} {
		t.Run("--allow "+allow, func(t *testing.T) {
			s := baseSettings(repo, t.TempDir())
			s.Allow = []string{allow}
			for range 2 {
				if _, st, _ := cachedRun(t, s, df); st.Hits != 0 {
					t.Fatalf("%+v: a hit", st)
				}
			}
		})
	}
	t.Run("error", func(t *testing.T) {
		s := baseSettings(repo, t.TempDir())
		s.PolicyDirs = []string{filepath.Join(repo, "error")}
		s.Outputs = []report.Output{{Format: "json"}}
		for range 2 {
			var out, stderr bytes.Buffer
			_, code, r := start(context.Background(), s, []string{df}, IO{Stdout: &out, Stderr: &stderr})
			if st := r.results.Stats(); code != ExitError || st.Hits != 0 || st.Evaluated != 1 {
				t.Fatalf("exit %d, %+v\n%s", code, st, out.String())
			}
		}
	})
}

// TestSameBytesOtherName: identical files under other names are other
// inputs (the rules read input.file; a stage's role depends on the name):
// each is evaluated, and a second run takes each from the cache.
func TestSameBytesOtherName(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a", "b", "c"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
		os.WriteFile(filepath.Join(dir, d, "Dockerfile"), []byte(goService), 0o644)
	}
	for _, cacheDir := range []string{"", t.TempDir()} {
		s := baseSettings(dir, cacheDir)
		s.Jobs = 3
		out, st, _ := cachedRun(t, s, dir)
		if st.Evaluated != 3 {
			t.Errorf("cache %q: %+v, want three evaluations", cacheDir, st)
		}
		for _, d := range []string{"a", "b", "c"} {
			if !strings.Contains(out, `"file": "`+filepath.Join(dir, d, "Dockerfile")+`"`) {
				t.Errorf("%s's findings are not named after it", d)
			}
		}
		if cacheDir != "" {
			if again, st, _ := cachedRun(t, s, dir); st.Hits != 3 || again != out {
				t.Errorf("second run: %+v", st)
			}
		}
	}
}

// TestCacheBroken: a cache whose entries were all damaged gives the same
// report, and one that cannot be used at all is a warning, not a failure.
func TestCacheBroken(t *testing.T) {
	repo := project(t)
	cacheDir := t.TempDir()
	df := filepath.Join(repo, "Dockerfile")
	s := baseSettings(repo, cacheDir)
	first, _, _ := cachedRun(t, s, df)
	n := 0
	filepath.WalkDir(filepath.Join(cacheDir, "v2"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			raw, _ := os.ReadFile(p)
			raw[len(raw)/2] ^= 0x20
			os.WriteFile(p, raw, 0o600)
			n++
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no entries written")
	}
	again, st, _ := cachedRun(t, s, df)
	if again != first || st.Hits != 0 {
		t.Fatalf("damaged entries: %+v\n%s", st, again)
	}
	if _, st, _ := cachedRun(t, s, df); st.Hits != 1 {
		t.Fatalf("repaired entries: %+v", st)
	}

	notDir := filepath.Join(t.TempDir(), "file")
	os.WriteFile(notDir, nil, 0o644)
	s.CacheDir = notDir
	var out, stderr bytes.Buffer
	s.Outputs = []report.Output{{Format: "json"}}
	_, code := Run(context.Background(), s, []string{df}, IO{Stdout: &out, Stderr: &stderr})
	if code == ExitError || out.String() != first || !strings.Contains(stderr.String(), "cache not used") {
		t.Fatalf("unusable cache: exit %d\n%s", code, stderr.String())
	}
}

// TestCacheProcesses: runs in separate processes sharing one cache, at the
// same time, write the reports a run without the cache writes.
func TestCacheProcesses(t *testing.T) {
	if dir := os.Getenv("GOLINT_DOCKER_APP_HELPER"); dir != "" {
		s := baseSettings(dir, os.Getenv("GOLINT_DOCKER_APP_CACHE"))
		s.Outputs = []report.Output{{Format: "json"}}
		_, code := Run(context.Background(), s, []string{dir}, IO{Stdout: os.Stdout, Stderr: os.Stderr})
		os.Exit(code)
	}
	files := corpus(t, 40)
	dir := t.TempDir()
	for i, f := range files {
		raw, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%02d.Dockerfile", i)), raw, 0o644)
	}
	want, _, _ := cachedRun(t, baseSettings(dir, ""), dir)
	cacheDir := t.TempDir()
	for round := range 2 {
		var cmds []*exec.Cmd
		var outs []*bytes.Buffer
		for range 2 {
			cmd := exec.Command(os.Args[0], "-test.run=^TestCacheProcesses$")
			cmd.Env = append(os.Environ(), "GOLINT_DOCKER_APP_HELPER="+dir, "GOLINT_DOCKER_APP_CACHE="+cacheDir)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, outs = append(cmds, cmd), append(outs, &out)
		}
		for i, cmd := range cmds {
			cmd.Wait()
			if got := outs[i].String(); got != want {
				t.Fatalf("round %d, process %d: the report differs from a run without the cache:\n%.2000s", round, i, got)
			}
		}
	}
}

// corpus returns up to n files of the shared corpus that golint-docker
// parses; the test skips without the corpus (testenv.Corpus).
func corpus(t *testing.T, n int) []string {
	t.Helper()
	all := testenv.Corpus(t)
	var out []string
	l := lint.New(nil, lint.Options{})
	for _, f := range all {
		if n >= 0 && len(out) == n {
			break
		}
		if _, err := l.ReadDocument(f, nil); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// TestCacheCorpus: over the shared corpus and the testdata Dockerfiles,
// the report of a run that takes every result from the cache, and that of
// the run that filled it, are those of a run without the cache.
func TestCacheCorpus(t *testing.T) {
	files := corpus(t, -1)
	filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(d.Name(), "Dockerfile") && !strings.HasSuffix(d.Name(), ".dockerignore") {
			files = append(files, p)
		}
		return nil
	})
	s := baseSettings(".", "")
	want, _, _ := cachedRun(t, s, files...)
	s.CacheDir = t.TempDir()
	miss, st, _ := cachedRun(t, s, files...)
	if miss != want {
		t.Fatal("the run that fills the cache differs from a run without it")
	}
	t.Logf("first run: %+v", st)
	hit, st, _ := cachedRun(t, s, files...)
	if hit != want {
		t.Fatal("the run from the cache differs from a run without it")
	}
	if st.Evaluated != 0 {
		t.Fatalf("second run: %+v, want every result from the cache", st)
	}
}

// TestBuiltinDeterministic: the built-in rules call nothing whose value
// changes between runs, so their results can be kept (digest does not
// check them at run time).
func TestBuiltinDeterministic(t *testing.T) {
	l, err := LoadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range l.Files {
		if nondeterministic(f.Module) {
			t.Errorf("%s calls a nondeterministic builtin", f.Path)
		}
	}
	probe, _ := LoadPolicies(nil)
	probe.Files[0].Module.Rules[0].Body = append(probe.Files[0].Module.Rules[0].Body, ast.MustParseExpr("time.now_ns() > 0"))
	if !nondeterministic(probe.Files[0].Module) {
		t.Error("time.now_ns() not seen")
	}
}

// TestCacheContexts: the same Dockerfile in directories whose build
// contexts differ has a result for each, all kept: a second run takes
// both from the cache.
func TestCacheContexts(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	for _, d := range []string{"a", "b", "c"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
		os.WriteFile(filepath.Join(dir, d, "Dockerfile"), []byte(goService), 0o644)
		os.WriteFile(filepath.Join(dir, d, "go.sum"), nil, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "a", "go.mod"), []byte("module a\n\ngo 1.22\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b", "go.mod"), []byte("module b\n\ngo 1.13\n"), 0o644)
	s := baseSettings(dir, t.TempDir())
	s.Jobs = 1
	first, st, _ := cachedRun(t, s, dir)
	if st.Evaluated != 3 {
		t.Fatalf("first run: %+v, want 3 evaluations (3 contexts)", st)
	}
	again, st, _ := cachedRun(t, s, dir)
	if st.Evaluated != 0 || again != first {
		t.Fatalf("second run: %+v", st)
	}
}

// TestBrokenPolicyLazy: the rules are compiled when the first file needs
// them, and a policy that does not compile still stops a run before any
// report, and is a session's error, not a file's.
func TestBrokenPolicyLazy(t *testing.T) {
	repo := project(t)
	df := filepath.Join(repo, "Dockerfile")
	os.WriteFile(filepath.Join(repo, "policy", "x.rego"), []byte(strings.Replace(customPolicy("custom-rule", "GDX01"),
		`"first stage"`, `no_such_function(1)`, 1)), 0o644)
	s := baseSettings(repo, t.TempDir())
	s.PolicyDirs = []string{filepath.Join(repo, "policy")}
	s.Outputs = []report.Output{{Format: "json"}}
	var out, stderr bytes.Buffer
	if _, code := Run(context.Background(), s, []string{df}, IO{Stdout: &out, Stderr: &stderr}); code != ExitError || out.Len() != 0 || !strings.Contains(stderr.String(), "no_such_function") {
		t.Fatalf("run: exit %d\nstdout %q\nstderr %q", code, out.String(), stderr.String())
	}
	sess := NewSession(s, io.Discard)
	if _, err := sess.Lint(context.Background(), df, []byte(goService)); err == nil || !strings.Contains(err.Error(), "no_such_function") {
		t.Fatalf("session: %v", err)
	}
}

// TestBadFactsWithCache: image facts in a configuration's data that cannot
// be read stop the run with the configuration's error, on a run that could
// take every result from the cache as on the first: the rules' data is
// read lazily only when the configuration adds nothing to it.
func TestBadFactsWithCache(t *testing.T) {
	repo := project(t)
	s := baseSettings(repo, filepath.Join(t.TempDir(), "cache"))
	df := filepath.Join(repo, "Dockerfile")
	cachedRun(t, s, df) // fills the cache
	_, _, r := cachedRun(t, s, df)
	if r.results.Stats().Hits != 1 {
		t.Fatalf("second run: %+v, want a hit", r.results.Stats())
	}
	// (A mistake the configuration's schema catches never gets this far.)
	for _, data := range []string{"images:\n  acme:\n    match: ['registry.acme.example/[base']\n"} {
		if err := os.WriteFile(filepath.Join(repo, ".golint-docker.yaml"), []byte("data:\n  "+strings.ReplaceAll(data, "\n", "\n  ")), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, stderr bytes.Buffer
		s := s
		s.Finder = config.NewFinder("", repo) // a fresh one: the file is new
		s.Outputs = []report.Output{{Format: "json"}}
		_, code, _ := start(context.Background(), s, []string{df}, IO{Stdout: &out, Stderr: &stderr})
		if code != ExitError || !strings.Contains(stderr.String(), "data golintdocker.images.acme.match") {
			t.Errorf("data %q: exit %d, stderr %q; want 2 and the facts' error", data, code, stderr.String())
		}
	}
}
