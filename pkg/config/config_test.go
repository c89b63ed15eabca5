package config

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/policies"
)

func TestParseFull(t *testing.T) {
	src := `# team defaults
ignore: [GD017, no-expose]
enable: [no-healthcheck]
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
	if strings.Join(c.Enable, ",") != "no-healthcheck" {
		t.Errorf("enable %v", c.Enable)
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

// TestDataShape: data the built-in rules read is checked, so a typo that
// would silently turn a rule off is an error naming the key and line.
func TestDataShape(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		want string
	}{
		{"data:\n  go:\n    suported: ['1.27']\n", 3, `data.go: unknown key "suported"`},
		{"data:\n  go:\n    supported: '1.27'\n", 3, "data.go.supported: Invalid type. Expected: array, given: string"},
		{"data:\n  go:\n    supported: ['go1.27']\n", 3, "data.go.supported.0: Does not match pattern"},
		{"data:\n  images:\n    acme:\n      match: ['r.example.com/base:*']\n      ca_cert: true\n", 5, `data.images.acme: unknown key "ca_cert"`},
		{"data:\n  images:\n    acme:\n      shell: true\n", 4, "data.images.acme: match is required"},
		{"data:\n  images:\n    acme:\n      match: ['x:*']\n      shell: 'yes'\n", 5, "data.images.acme.shell: Invalid type. Expected: boolean, given: string"},
		{"data:\n  secrets:\n    name_pattern: ['x']\n", 3, `data.secrets: unknown key "name_pattern"`},
		{"data:\n  rules:\n    runs_as_root: {}\n", 3, "data.rules"},
		{"data:\n  options:\n    no_healthcheck:\n      enabled: 'yes'\n", 4, "data.options.no_healthcheck.enabled: Invalid type. Expected: boolean, given: string"},
		{"data:\n  options:\n    no_healthcheck:\n      enable: true\n", 4, `data.options.no_healthcheck: unknown key "enable"`},
		{"enable: [no-healthcheck, '']\n", 1, "enable.1: String length must be greater than or equal to 1"},
	} {
		_, err := Parse("cfg.yaml", []byte(tc.src))
		if err == nil {
			t.Errorf("%q: no error", tc.src)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "cfg.yaml:"+itoa(tc.line)+":") || !strings.Contains(msg, tc.want) {
			t.Errorf("%q:\n got %s\nwant line %d and %q", tc.src, msg, tc.line, tc.want)
		}
	}
	// Data for a team's own rules passes (the policy engine checks that a
	// rule reads it).
	if _, err := Parse("cfg.yaml", []byte("data:\n  acme:\n    source_url: https://example.com\n")); err != nil {
		t.Error(err)
	}
}

// TestBuiltinDataFitsTheSchema: the rules' own data is what the schema
// describes, so a field or a namespace added to it without the schema
// fails here.
func TestBuiltinDataFitsTheSchema(t *testing.T) {
	var schema struct {
		Properties struct {
			Data struct {
				Properties map[string]any `json:"properties"`
			} `json:"data"`
		} `json:"properties"`
	}
	if err := json.Unmarshal([]byte(Schema()), &schema); err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(policies.FS, "golintdocker/*/data.json")
	if err != nil || len(files) < 3 {
		t.Fatalf("data files: %v %v", files, err)
	}
	src := "data:\n"
	for _, f := range files {
		ns := path.Base(path.Dir(f))
		if _, ok := schema.Properties.Data.Properties[ns]; !ok {
			t.Errorf("%s: the schema has no data.%s", f, ns)
		}
		raw, err := fs.ReadFile(policies.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		src += "  " + ns + ": " + strings.ReplaceAll(string(raw), "\n", "\n    ") + "\n"
	}
	if _, err := Parse("builtin.yaml", []byte(src)); err != nil {
		t.Error(err)
	}
}

func TestYAMLDetails(t *testing.T) {
	for _, tc := range []struct {
		src, want string
	}{
		{"ignore: [a]\nignore: [b]\n", `cfg.yaml:2: key "ignore" is already defined on line 1`},
		{"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n", "aliases expand to too many values"},
		{"? [a]\n: b\n", "a key must be a plain value"},
	} {
		_, err := Parse("cfg.yaml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.src, err, tc.want)
		}
	}
	c, err := Parse("cfg.yaml", []byte("base: &base\n  runs-as-root: error\n  GD001: info\nseverity:\n  <<: *base\n  GD001: warning\n"))
	if err == nil || !strings.Contains(err.Error(), `unknown key "base"`) {
		t.Errorf("merge: %v %v", c, err)
	}
	c, err = Parse("cfg.yaml", []byte("severity: &s\n  runs-as-root: error\n  GD001: info\ndata:\n  acme:\n    <<: *s\n    GD001: warning\n"))
	if err != nil || c.Data["acme"].(map[string]any)["GD001"] != "warning" || c.Data["acme"].(map[string]any)["runs-as-root"] != "error" {
		t.Errorf("merge: %v %v", c, err)
	}
}

// TestManyProblems: a file with thousands of bad values lists the first
// ones and a count, quickly.
func TestManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("severity:\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "  R%05d: fatal\n", i)
	}
	_, err := Parse("cfg.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "and 4980 more problems") || strings.Count(err.Error(), "\n") != 20 {
		t.Errorf("%.500v", err)
	}
}

// TestLoadHostile: a configuration file is a regular file within the size
// cap; a found one may not link out of the repository.
func TestLoadHostile(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	os.MkdirAll(repo, 0o755)
	os.WriteFile(filepath.Join(dir, "secret"), []byte("token: ghp_secret\n"), 0o644)
	os.Symlink("../secret", filepath.Join(repo, ".golint-docker.yaml"))
	fifo := filepath.Join(dir, "fifo.yaml")
	syscall.Mkfifo(fifo, 0o644)
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, []byte("# "+strings.Repeat("x", MaxSize)+"\n"), 0o644)
	for _, tc := range []struct {
		path, root, want string
	}{
		{filepath.Join(repo, ".golint-docker.yaml"), repo, "a symbolic link to a file outside the tree"},
		{fifo, "", "not a regular file (a named pipe)"},
		{"/dev/zero", "", "not a regular file (a character device)"},
		{big, "", "file is larger than the limit (4 MiB)"},
	} {
		_, err := LoadWithin(tc.path, tc.root)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "ghp_") {
			t.Errorf("%s: %v, want %q", tc.path, err, tc.want)
		}
	}
	// Named on the command line, the link is the user's choice.
	if _, err := Load(filepath.Join(repo, ".golint-docker.yaml")); err == nil || !strings.Contains(err.Error(), `unknown key "token"`) {
		t.Errorf("named link: %v", err)
	}
}

// BenchmarkParseLarge: 10,000 and 40,000 keys; time grows in proportion.
func BenchmarkParseLarge(b *testing.B) {
	for _, n := range []int{10000, 40000} {
		var sb strings.Builder
		sb.WriteString("data:\n  acme:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "    key%06d: 1\n", i)
		}
		raw := []byte(sb.String())
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Parse("big.yaml", raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
