// Package scripts tests the repository's scripts and the files that drive
// them: the GitHub Action's steps (action.sh), the pre-commit hooks, the
// release configuration and the new-user check.
package scripts

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// golintDocker builds the CLI once for the tests that run it.
func golintDocker(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "golint-docker-scripts")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "golint-docker")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/golint-docker").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// result is what a script run gave.
type result struct {
	code           int
	stdout, stderr string
	outputs        map[string]string // $GITHUB_OUTPUT
}

// runAction runs `bash scripts/action.sh step` in dir with env added to a
// clean environment (PATH, HOME and Go's caches kept), as a runner would.
func runAction(t *testing.T, dir, step string, env map[string]string) result {
	t.Helper()
	tmp := t.TempDir()
	output := filepath.Join(tmp, "github_output")
	script, err := filepath.Abs("action.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script, step)
	cmd.Dir = dir
	cmd.Env = []string{"GITHUB_OUTPUT=" + output, "RUNNER_TEMP=" + tmp}
	for _, k := range []string{"PATH", "HOME", "GOCACHE", "GOMODCACHE", "GOPATH", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	for _, k := range []string{"GOCACHE", "GOMODCACHE"} {
		if _, ok := os.LookupEnv(k); !ok {
			v, _ := exec.Command("go", "env", k).Output()
			cmd.Env = append(cmd.Env, k+"="+strings.TrimSpace(string(v)))
		}
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), outputs: map[string]string{}}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(output)
	for _, line := range strings.Split(string(raw), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			r.outputs[k] = v
		}
	}
	return r
}

func write(t *testing.T, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
