package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type action struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Steps []struct {
			ID  string            `yaml:"id"`
			Run string            `yaml:"run"`
			Env map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// TestAction runs the lint step of action.yml with bash, as the runner
// would, against a built golint-docker: annotations on stdout, a SARIF file,
// the sarif-file output, and the step failing on findings.
func TestAction(t *testing.T) {
	raw, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	var script string
	var stepEnv map[string]string
	for _, s := range a.Runs.Steps {
		if s.ID == "lint" {
			script, stepEnv = s.Run, s.Env
		}
	}
	if script == "" {
		t.Fatal("no step with id lint in action.yml")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "golint-docker")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	inputs := map[string]string{}
	for k, v := range a.Inputs {
		inputs[k] = v.Default
	}
	inputs["paths"] = "../../testdata/guide/Dockerfile ../../testdata/clean"
	inputs["sarif-file"] = filepath.Join(tmp, "out.sarif")
	inputs["build-args"] = "GO_VERSION=1.27"
	expr := regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`)
	output := filepath.Join(tmp, "github_output")
	environ := append(os.Environ(), "RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+output)
	for k, v := range stepEnv {
		m := expr.FindStringSubmatch(v)
		if m == nil {
			t.Fatalf("env %s = %q is not an input", k, v)
		}
		environ = append(environ, k+"="+inputs[m[1]])
	}
	cmd := exec.Command("bash", "-e", "-c", script)
	cmd.Env = environ
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("the step should fail with exit 1 on the guide's findings: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "::error file=../../testdata/guide/Dockerfile,line=") {
		t.Errorf("no annotations:\n%s", out)
	}
	sarif, err := os.ReadFile(inputs["sarif-file"])
	if err != nil || !strings.Contains(string(sarif), `"ruleId": "GD013"`) {
		t.Errorf("SARIF file: %v %.300s", err, sarif)
	}
	got, _ := os.ReadFile(output)
	if !strings.Contains(string(got), "sarif-file="+inputs["sarif-file"]) {
		t.Errorf("step output: %q", got)
	}
}

// TestPreCommitHookFiles: the hook's file pattern picks the names the CLI
// searches for and leaves out the ignore files beside them.
func TestPreCommitHookFiles(t *testing.T) {
	raw, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language, Files, Exclude string
	}
	if err := yaml.Unmarshal(raw, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].Entry != "golint-docker" || hooks[0].Language != "golang" {
		t.Fatalf("hooks = %+v", hooks)
	}
	files, exclude := regexp.MustCompile(hooks[0].Files), regexp.MustCompile(hooks[0].Exclude)
	match := func(p string) bool { return files.MatchString(p) && !exclude.MatchString(p) }
	for _, p := range []string{"Dockerfile", "svc/Dockerfile", "Dockerfile.prod", "deploy/api.Dockerfile", "Containerfile"} {
		if !match(p) {
			t.Errorf("%s not matched", p)
		}
	}
	for _, p := range []string{"Dockerfile.dockerignore", ".dockerignore", "docs/Dockerfile.md/x", "main.go", "MyDockerfile"} {
		if match(p) {
			t.Errorf("%s matched", p)
		}
	}
}
