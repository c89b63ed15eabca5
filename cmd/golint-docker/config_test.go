package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// rulesPerFile lints with --format json and returns, per file, the rule ids
// found with their severities ("GD014:error").
func rulesPerFile(t *testing.T, r result) map[string][]string {
	t.Helper()
	var doc struct {
		Files []struct {
			File     string
			Error    *struct{ Message string }
			Findings []struct {
				RuleID   string `json:"rule_id"`
				Severity string
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\nstdout: %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	out := map[string][]string{}
	for _, f := range doc.Files {
		if f.Error != nil {
			t.Fatalf("%s: %s", f.File, f.Error.Message)
		}
		out[f.File] = []string{}
		for _, fd := range f.Findings {
			out[f.File] = append(out[f.File], fd.RuleID+":"+fd.Severity)
		}
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s || strings.HasPrefix(x, s+":") {
			return true
		}
	}
	return false
}

// TestConfigPerDirectory: in a monorepo the nearest configuration above
// each Dockerfile applies to it, alone (nothing is inherited from a file
// further up), with its own policies; the command line still wins.
func TestConfigPerDirectory(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	df := mustRead(t, guide)
	a := write(t, repo, "svc/a/Dockerfile", df)
	b := write(t, repo, "svc/b/Dockerfile", df)
	goModule(t, filepath.Dir(a))
	goModule(t, filepath.Dir(b))
	write(t, repo, ".golint-docker.yaml", "ignore: [missing-dockerignore]\n")
	write(t, repo, "svc/a/.golint-docker.yml", "severity:\n  runs-as-root: error\npolicies: [../../policy]\n")
	for _, f := range []string{"require_source_label.rego", "acme/data.json"} {
		write(t, repo, "policy/"+f, mustRead(t, "../../examples/policies/acme/"+f))
	}

	got := rulesPerFile(t, golint(t, "", nil, "--format", "json", repo))
	if !has(got[a], "GD014:error") || !has(got[a], "GD026") || !has(got[a], "ACME001") {
		t.Errorf("svc/a (its own file: GD014 an error, GD026 not ignored, its policy): %v", got[a])
	}
	if !has(got[b], "GD014:warning") || has(got[b], "GD026") || has(got[b], "ACME001") {
		t.Errorf("svc/b (the repository's file: GD026 ignored, no ACME policy): %v", got[b])
	}
	// The command line wins in every directory.
	got = rulesPerFile(t, golint(t, "", nil, "--format", "json", "--severity", "GD014=info", "--ignore", "ACME001", repo))
	if !has(got[a], "GD014:info") || !has(got[b], "GD014:info") || has(got[a], "ACME001") {
		t.Errorf("--severity/--ignore did not win: %v", got)
	}
	// --config applies one file to every Dockerfile.
	got = rulesPerFile(t, golint(t, "", nil, "--format", "json", "--config", filepath.Join(repo, ".golint-docker.yaml"), repo))
	if has(got[a], "GD026") || has(got[a], "ACME001") || !has(got[a], "GD014:warning") {
		t.Errorf("--config: %v", got[a])
	}
	// Standard input takes the configuration (and the name) of --stdin-filename.
	r := golint(t, df, nil, "--format", "json", "--stdin-filename", a)
	got = rulesPerFile(t, r)
	if !has(got[a], "GD014:error") || !has(got[a], "ACME001") || len(got) != 1 {
		t.Errorf("--stdin-filename %s: %v", a, got)
	}
	// Both spellings in one directory is an error naming them.
	write(t, repo, "svc/a/.golint-docker.yaml", "{}\n")
	r = golint(t, "", nil, repo)
	if r.code != 2 || !strings.Contains(r.stderr, filepath.Join(repo, "svc", "a", ".golint-docker.yaml")+": .golint-docker.yml is there too") {
		t.Errorf("both .yaml and .yml: exit %d\n%s", r.code, r.stderr)
	}
}

// TestConfigDoesNotClimbOutOfTheProject: without a repository, a
// configuration planted above the working directory (in /tmp, say) does not
// apply to the project below it.
func TestConfigDoesNotClimbOutOfTheProject(t *testing.T) {
	shared := t.TempDir()
	// Above the project: turns every finding of the guide off.
	write(t, shared, ".golint-docker.yaml", "failure-threshold: none\nignore: [GD013, GD014, GD024, GD026]\nbuildkit-checks: false\n")
	project := filepath.Join(shared, "project")
	write(t, project, "Dockerfile", mustRead(t, guide))
	home := t.TempDir()
	cmd := exec.Command(binary(t), "--format", "json", "Dockerfile")
	cmd.Dir = project
	cmd.Env = append(os.Environ(), "HOME="+home)
	out, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("want exit 1 (the planted file ignored), got %v\n%s", err, out)
	}
	got := rulesPerFile(t, result{stdout: string(out)})
	if !has(got["Dockerfile"], "GD013") {
		t.Errorf("the planted configuration applied: %v", got)
	}
	// The project's own file applies.
	write(t, project, ".golint-docker.yaml", "ignore: [GD013]\n")
	out, _ = cmd2(cmd).Output()
	if got := rulesPerFile(t, result{stdout: string(out)}); has(got["Dockerfile"], "GD013") || !has(got["Dockerfile"], "GD014") {
		t.Errorf("the project's configuration did not apply: %v", got)
	}
}

// cmd2 is a fresh copy of a command, to run it again.
func cmd2(c *exec.Cmd) *exec.Cmd {
	n := exec.Command(c.Path, c.Args[1:]...)
	n.Dir, n.Env = c.Dir, c.Env
	return n
}

// TestOPAURLWithConfigPolicies: a configuration's policies, registries and
// data cannot go to an OPA server; golint-docker says so.
func TestOPAURLWithConfigPolicies(t *testing.T) {
	dir := t.TempDir()
	cfg := write(t, dir, "cfg.yaml", "trusted-registries: [registry.example.com]\n")
	r := golint(t, "", nil, "--config", cfg, "--opa-url", "http://127.0.0.1:1", "--timeout", "2s", clean)
	if !strings.Contains(r.stderr, cfg+": policies, trusted-registries, enable and data are not used with an OPA server") {
		t.Errorf("no warning:\n%s", r.stderr)
	}
}

// TestStdinFilename: a Dockerfile on stdin takes the name, the build
// context (its .dockerignore) and the configuration of --stdin-filename.
func TestStdinFilename(t *testing.T) {
	dir := t.TempDir()
	with := filepath.Join(dir, "with", "Dockerfile")
	without := filepath.Join(dir, "without", "Dockerfile")
	write(t, dir, "with/.dockerignore", ".git\n")
	write(t, dir, "without/.golint-docker.yaml", "severity: {GD014: error}\n")
	goModule(t, filepath.Dir(with))
	goModule(t, filepath.Dir(without))
	df := mustRead(t, guide)
	for _, tc := range []struct {
		args       []string
		name       string
		gd026, err bool
	}{
		{[]string{"--stdin-filename", with}, with, false, false},
		{[]string{"--stdin-filename", without, "-"}, without, true, true},
		{[]string{"-"}, "<stdin>", false, false},
	} {
		got := rulesPerFile(t, golint(t, df, nil, append([]string{"--format", "json"}, tc.args...)...))
		if len(got) != 1 || got[tc.name] == nil {
			t.Errorf("%v: files %v, want %s", tc.args, got, tc.name)
			continue
		}
		if has(got[tc.name], "GD026") != tc.gd026 || has(got[tc.name], "GD014:error") != tc.err {
			t.Errorf("%v: %v (want missing-dockerignore: %v, its configuration: %v)", tc.args, got[tc.name], tc.gd026, tc.err)
		}
	}
}

// goModule puts what the guide's Dockerfile copies (go.mod, go.sum) in dir,
// which makes dir its build context.
func goModule(t *testing.T, dir string) {
	t.Helper()
	write(t, dir, "go.mod", "module example.com/app\n\ngo 1.27\n")
	write(t, dir, "go.sum", "")
}
