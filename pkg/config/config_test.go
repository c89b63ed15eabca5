package config

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

func TestParseFull(t *testing.T) {
	src := `# team defaults
ignore: [GD017, no-expose]
severity:
  runs-as-root: error
  GD023: info
failure-threshold: error
trusted-registries:
  - gcr.io/distroless
  - registry.example.com
policies: [policy/team]
data:
  go:
    supported: ["1.27", "1.26"]
  images:
    acme-base:
      match: ["registry.example.com/base:*"]
      shell: true
      user: "10001"
`
	c, err := Parse("/repo/.golint-docker.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Ignore, ",") != "GD017,no-expose" || c.FailureThreshold != "error" {
		t.Errorf("ignore %v threshold %q", c.Ignore, c.FailureThreshold)
	}
	if c.Severity["runs-as-root"] != finding.Error || c.Severity["GD023"] != finding.Info {
		t.Errorf("severity %v", c.Severity)
	}
	if len(c.Policies) != 1 || c.Policies[0] != filepath.Join("/repo", "policy", "team") {
		t.Errorf("policies %v", c.Policies)
	}
	img := c.Data["images"].(map[string]any)["acme-base"].(map[string]any)
	if img["shell"] != true || img["user"] != "10001" {
		t.Errorf("data %v", c.Data)
	}
}

func TestErrorsNameKeyAndLine(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		want string
	}{
		{"ignore: [a]\nignor: [b]\n", 2, `unknown key "ignor"`},
		{"ignore: GD017\n", 1, "ignore: Invalid type. Expected: array, given: string"},
		{"severity:\n  GD001: fatal\n", 2, "severity.GD001:"},
		{"failure-threshold: 3\n", 1, "failure-threshold:"},
		{"policies:\n  - ok\n  - 7\n", 3, "policies.1: Invalid type. Expected: string, given: integer"},
		{"ignore: [a\n", 1, "did not find expected"},
		{"- just\n- a list\n", 1, "Expected: object, given: array"},
	} {
		_, err := Parse("cfg.yaml", []byte(tc.src))
		if err == nil {
			t.Errorf("%q: no error", tc.src)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "cfg.yaml:"+itoa(tc.line)+":") || !strings.Contains(msg, tc.want) {
			t.Errorf("%q:\n got %s\nwant line %d and %q", tc.src, msg, tc.line, tc.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestEmptyFileIsDefaults(t *testing.T) {
	c, err := Parse("cfg.yaml", []byte("# nothing yet\n"))
	if err != nil || len(c.Ignore) != 0 || c.Severity != nil {
		t.Errorf("%+v %v", c, err)
	}
}

func TestLoadMissingAndUnreadable(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml: no such file") {
		t.Errorf("err = %v", err)
	}
}
