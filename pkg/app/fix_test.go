package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/report"
)

// fixPolicy holds TEST001, a rule whose metadata marks its fix safe; the
// built-in rules' fixes are not marked, so they are unsafe.
var fixPolicy, _ = filepath.Abs(filepath.Join("..", "..", "testdata", "fix", "policy"))

const unfixed = `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/orders .

FROM alpine:3.22
COPY --from=build /out/orders /orders
ENTRYPOINT /orders
`

// fixRun runs golint-docker over paths in dir with the fix mode and a JSON
// report in report.json, and returns the exit code, stdout, stderr and
// the rule ids the report lists.
func fixRun(t *testing.T, dir string, mode FixMode, unsafe bool, stdin string, paths ...string) (int, string, string, []string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	s := Settings{
		Limits: DefaultLimits(), Finder: config.NewFinder("", dir), ContextDir: dir,
		BuildKitChecks: ptr(false), PolicyDirs: []string{fixPolicy},
		Fix: mode, UnsafeFixes: unsafe,
		Outputs: []report.Output{{Format: "json", File: out}, {Format: "tty"}},
		Tool:    report.Tool{Name: "golint-docker", Version: "test"},
	}
	var stdout, stderr bytes.Buffer
	_, code := Run(context.Background(), s, paths, IO{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr})
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report: %v\n%s", err, stderr.String())
	}
	var doc struct {
		Files []struct {
			Findings []finding.Finding
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range doc.Files {
		for _, fd := range f.Findings {
			ids = append(ids, fd.RuleID)
		}
	}
	return code, stdout.String(), stderr.String(), ids
}

func has(ids []string, id string) bool {
	for _, i := range ids {
		if i == id {
			return true
		}
	}
	return false
}

func TestFixInPlace(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	os.WriteFile(df, []byte(unfixed), 0o640)

	// --fix: the safe fixes (TEST001, which its metadata marks safe, and
	// the built-in rules marked safe: cache mounts, -s -w); not the unsafe
	// ones (the exec form, the user, CGO_ENABLED). The report is of what
	// remains.
	code, stdout, stderr, ids := fixRun(t, dir, FixInPlace, false, "", df)
	got, _ := os.ReadFile(df)
	for _, s := range []string{"FROM alpine:3.22\nLABEL org.opencontainers.image.source=\"https://example.com/orders\"\n", "RUN --mount=type=cache,target=/go/pkg/mod", `-ldflags="-s -w"`, "ENTRYPOINT /orders\n"} {
		if !strings.Contains(string(got), s) {
			t.Errorf("after --fix, no %q:\n%s", s, got)
		}
	}
	if strings.Contains(string(got), "CGO_ENABLED") || strings.Contains(string(got), "USER") {
		t.Errorf("--fix applied an unsafe fix:\n%s", got)
	}
	if st, _ := os.Stat(df); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", st.Mode().Perm())
	}
	if code != ExitFindings || has(ids, "TEST001") || !has(ids, "GD020") {
		t.Errorf("exit %d, remaining %v", code, ids)
	}
	if !strings.Contains(stderr, "fixed 3 problems (GD005 ldflags-strip, GD007 go-cache-mounts, TEST001 test-source-label)") || !strings.Contains(stderr, "can also be fixed with --unsafe-fixes") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if !strings.Contains(stdout, "shell form") || strings.Contains(stdout, "TEST001") {
		t.Errorf("the tty report of what remains:\n%s", stdout)
	}

	// Again: nothing to do, nothing written.
	before, _ := os.Stat(df)
	_, _, stderr, _ = fixRun(t, dir, FixInPlace, false, "", df)
	if after, _ := os.Stat(df); !after.ModTime().Equal(before.ModTime()) || !strings.Contains(stderr, "nothing was fixed") {
		t.Errorf("a second --fix wrote the file or said:\n%s", stderr)
	}

	// --unsafe-fixes: the built-in rules' fixes too.
	_, _, _, ids = fixRun(t, dir, FixInPlace, true, "", df)
	got, _ = os.ReadFile(df)
	for _, s := range []string{`ENTRYPOINT ["/orders"]`, "USER 65532:65532", "CGO_ENABLED=0"} {
		if !strings.Contains(string(got), s) {
			t.Errorf("--unsafe-fixes did not write %q:\n%s", s, got)
		}
	}
	if has(ids, "GD020") || has(ids, "GD014") {
		t.Errorf("fixed findings still reported: %v", ids)
	}
}

func TestFixDiff(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	os.WriteFile(df, []byte(unfixed), 0o644)
	code, stdout, stderr, ids := fixRun(t, dir, FixDiff, true, "", df)
	if got, _ := os.ReadFile(df); string(got) != unfixed {
		t.Errorf("--diff changed the file")
	}
	for _, s := range []string{"--- " + df + "\n+++ " + df + "\n", "-ENTRYPOINT /orders\n+USER 65532:65532\n+ENTRYPOINT [\"/orders\"]\n", "+LABEL org.opencontainers.image.source"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("the diff lacks %q:\n%s", s, stdout)
		}
	}
	// The report (of the file as it is) goes to stderr, not into the diff.
	if code != ExitFindings || !has(ids, "GD020") || !strings.Contains(stderr, "[GD020 shell-form-entrypoint]") || strings.Contains(stdout, "GD020") {
		t.Errorf("exit %d, ids %v, stderr:\n%s", code, ids, stderr)
	}
}

func TestFixStdin(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr, _ := fixRun(t, dir, FixInPlace, true, unfixed, "-")
	if !strings.Contains(stdout, `ENTRYPOINT ["/orders"]`) || !strings.HasPrefix(stdout, "FROM ") {
		t.Errorf("stdout is not the fixed file:\n%s", stdout)
	}
	if code != ExitFindings || !strings.Contains(stderr, "<stdin>: fixed") || !strings.Contains(stderr, "linted") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	// A file with nothing to fix is printed as it is: a filter.
	clean := "FROM scratch\nLABEL org.opencontainers.image.source=\"https://example.com/orders\"\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n"
	_, stdout, _, _ = fixRun(t, dir, FixInPlace, false, clean, "-")
	if stdout != clean {
		t.Errorf("an unchanged file came out as %q", stdout)
	}
}

// TestFixRefuses: a file that does not parse, or a symbolic link, is left
// as it is, with an error, and the others are still fixed.
func TestFixRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.Dockerfile")
	broken := "FROM golang:1.26 AS build\nRUN go build -o /out/orders .\nCOPY --from=build\nFROM alpine:3.22\nENTRYPOINT /orders\n"
	os.WriteFile(bad, []byte(broken), 0o644)
	target := filepath.Join(dir, "real.Dockerfile")
	os.WriteFile(target, []byte(unfixed), 0o644)
	link := filepath.Join(dir, "link.Dockerfile")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	good := filepath.Join(dir, "Dockerfile")
	os.WriteFile(good, []byte(unfixed), 0o644)
	code, stdout, _, _ := fixRun(t, dir, FixInPlace, true, "", bad, link, good)
	if b, _ := os.ReadFile(bad); string(b) != broken {
		t.Error("a file that does not parse was changed")
	}
	if b, _ := os.ReadFile(target); string(b) != unfixed {
		t.Error("a file was changed through a symbolic link")
	}
	if b, _ := os.ReadFile(good); string(b) == unfixed {
		t.Error("the good file was not fixed")
	}
	if code != ExitError || !strings.Contains(stdout, "link.Dockerfile: error: the fixes were not written: is a symbolic link") || !strings.Contains(stdout, "bad.Dockerfile:3: error:") {
		t.Errorf("exit %d, report:\n%s", code, stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// TestFixSafetyMetadata: custom.fix_safety is read into the catalogue;
// anything but safe or unsafe is an error naming the file.
func TestFixSafetyMetadata(t *testing.T) {
	rules, err := AllRules([]string{fixPolicy})
	if err != nil {
		t.Fatal(err)
	}
	r, ok := FindRule(rules, "TEST001")
	if !ok || r.FixSafety != finding.FixSafe || !r.SafeFix() {
		t.Errorf("TEST001: %+v", r)
	}
	if r, _ := FindRule(rules, "GD020"); r.SafeFix() && r.FixSafety != finding.FixSafe {
		t.Errorf("GD020 safe without saying so: %+v", r)
	}
	dir := t.TempDir()
	src, _ := os.ReadFile(filepath.Join(fixPolicy, "source_label.rego"))
	os.WriteFile(filepath.Join(dir, "rule.rego"), bytes.Replace(src, []byte("fix_safety: safe"), []byte("fix_safety: maybe"), 1), 0o644)
	if _, err := AllRules([]string{dir}); err == nil || !strings.Contains(err.Error(), "rule.rego") || !strings.Contains(err.Error(), `custom.fix_safety "maybe"`) {
		t.Errorf("fix_safety: maybe gave %v", err)
	}
}

// TestFixStaysInTree: a Dockerfile found in a repository is fixed only
// where lint reads it — a link out of the repository is neither read nor
// written, a link within it is read but not replaced — and the others
// are still fixed.
func TestFixStaysInTree(t *testing.T) {
	dir := t.TempDir()
	repo, outside := filepath.Join(dir, "repo"), filepath.Join(dir, "outside")
	for _, d := range []string{filepath.Join(repo, ".git"), filepath.Join(repo, "svc"), filepath.Join(repo, "api"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(outside, "Dockerfile"), []byte(unfixed), 0o644)
	os.WriteFile(filepath.Join(repo, "svc", "Dockerfile"), []byte(unfixed), 0o644)
	os.WriteFile(filepath.Join(repo, "api", "shared.txt"), []byte(unfixed), 0o644)
	if err := os.Symlink(filepath.Join("..", "outside", "Dockerfile"), filepath.Join(repo, "Dockerfile")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("shared.txt", filepath.Join(repo, "api", "Dockerfile")); err != nil {
		t.Skip(err)
	}
	code, stdout, _, _ := fixRun(t, repo, FixInPlace, true, "", repo)
	if b, _ := os.ReadFile(filepath.Join(outside, "Dockerfile")); string(b) != unfixed {
		t.Error("a file outside the repository was changed")
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "api", "shared.txt")); string(b) != unfixed {
		t.Error("a file was changed through a symbolic link")
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "svc", "Dockerfile")); string(b) == unfixed {
		t.Error("the repository's own Dockerfile was not fixed")
	}
	if code != ExitError || !strings.Contains(stdout, "outside the tree") || !strings.Contains(stdout, "api/Dockerfile: error: the fixes were not written: is a symbolic link") {
		t.Errorf("exit %d, report:\n%s", code, stdout)
	}
}
