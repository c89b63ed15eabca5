package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

type result struct {
	code           int
	stdout, stderr string
}

// golint runs the command in process with the given environment variables.
func golint(t *testing.T, stdin string, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) string { return vars[k] },
	})
	return result{code, out.String(), errb.String()}
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const clean = "../../testdata/clean/Dockerfile"
const guide = "../../testdata/guide/Dockerfile"

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	broken := write(t, dir, "broken/Dockerfile", "FROM alpine\nRUN <<EOF\necho never closed\n")
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"clean", []string{clean}, 0, "no problems found in 1 file"},
		{"findings", []string{guide}, 1, "GD013"},
		{"threshold error still fails on an error", []string{"--failure-threshold", "error", guide}, 1, "GD013"},
		{"threshold none", []string{"--failure-threshold", "none", guide}, 0, "GD013"},
		{"parse error wins over findings", []string{guide, broken}, 2, "unterminated heredoc"},
		{"missing file", []string{filepath.Join(dir, "nope")}, 2, "no such file or directory"},
		{"bad flag", []string{"--no-such-flag"}, 2, ""},
		{"bad threshold", []string{"--failure-threshold", "fatal", clean}, 2, ""},
		{"unknown format", []string{"--format", "yaml", clean}, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := golint(t, "", nil, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, tc.out) {
				t.Errorf("output lacks %q:\n%s%s", tc.out, r.stdout, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, "goroutine ") {
				t.Errorf("stack trace in output:\n%s", r.stderr)
			}
		})
	}
}

func TestBadFileDoesNotStopTheOthers(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/Dockerfile", "FROM alpine\nFOO bar\n")
	write(t, dir, "b/Dockerfile", "FROM golang:1.27\nRUN go build -o /app .\nCMD /app\n")
	r := golint(t, "", nil, "--format", "json", dir)
	if r.code != 2 {
		t.Fatalf("exit %d", r.code)
	}
	var doc struct {
		Files []struct {
			File  string
			Error *struct {
				Line    int
				Message string
			}
			Findings []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(doc.Files) != 2 || doc.Files[0].Error == nil || doc.Files[0].Error.Line != 2 || !strings.Contains(doc.Files[0].Error.Message, "unknown instruction") {
		t.Fatalf("first file: %+v", doc.Files)
	}
	if len(doc.Files[1].Findings) == 0 {
		t.Errorf("second file was not linted: %+v", doc.Files[1])
	}
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	r := golint(t, string(data), nil, "-")
	if r.code != 1 || !strings.Contains(r.stdout, "<stdin>:") || !strings.Contains(r.stdout, "GD013") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A closed or empty stdin is an empty Dockerfile: exit 2 naming it.
	r = golint(t, "", nil, "-")
	if r.code != 2 || !strings.Contains(r.stdout, "<stdin>") || !strings.Contains(r.stdout, "no instructions") {
		t.Errorf("empty stdin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestGitHubActionsDefault(t *testing.T) {
	r := golint(t, "", map[string]string{"GITHUB_ACTIONS": "true"}, guide)
	if !strings.HasPrefix(r.stdout, "::") || !strings.Contains(r.stdout, "::error file=../../testdata/guide/Dockerfile,line=") || !strings.Contains(r.stdout, "title=GD013") {
		t.Errorf("not workflow commands:\n%s", r.stdout)
	}
	r = golint(t, "", map[string]string{"GITHUB_ACTIONS": "true"}, "--format", "json", guide)
	if !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("--format must win over GITHUB_ACTIONS:\n%s", r.stdout)
	}
}

func TestSeveralFormatsAndAtomicOutput(t *testing.T) {
	dir := t.TempDir()
	sarif := filepath.Join(dir, "out.sarif")
	old := write(t, dir, "keep.json", "previous content")
	r := golint(t, "", nil, "--format", "github", "--format", "sarif", "--output", "-", "--output", sarif, "--format", "json:"+old, guide)
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "::error") {
		t.Errorf("stdout: %s", r.stdout)
	}
	raw, err := os.ReadFile(sarif)
	if err != nil || !strings.Contains(string(raw), `"version": "2.1.0"`) {
		t.Errorf("sarif: %v %.200s", err, raw)
	}
	raw, _ = os.ReadFile(old)
	if !strings.HasPrefix(string(raw), "{") {
		t.Errorf("json output not replaced: %.100s", raw)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	// Two formats on stdout is a usage error, and nothing is written.
	r = golint(t, "", nil, "--format", "tty", "--format", "json", guide)
	if r.code != 2 || !strings.Contains(r.stderr, "only one --format can write to stdout") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
	// An output in a directory that does not exist fails before any linting.
	r = golint(t, "", nil, "--format", "sarif:"+filepath.Join(dir, "no", "such", "x.sarif"), guide)
	if r.code != 2 || !strings.Contains(r.stderr, "x.sarif") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

func TestInputCommand(t *testing.T) {
	r := golint(t, "", nil, "input", "--build-arg", "GO_VERSION=1.26", "../../testdata/clean/Dockerfile")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	stages := doc["stages"].([]any)
	from := stages[0].(map[string]any)["from"].(map[string]any)
	if from["image"] != "golang:1.26-alpine" || doc["schema_version"] != float64(1) {
		t.Errorf("from = %v", from)
	}
	if r := golint(t, "", nil, "input"); r.code != 2 {
		t.Errorf("input without a file: exit %d", r.code)
	}
}

func TestRulesCommand(t *testing.T) {
	r := golint(t, "", nil, "rules")
	if r.code != 0 || !strings.Contains(r.stdout, "GD004") || !strings.Contains(r.stdout, "cgo-disabled") {
		t.Errorf("rules: %d %s", r.code, r.stdout)
	}
	r = golint(t, "", nil, "rules", "cgo-disabled")
	if r.code != 0 || !strings.Contains(r.stdout, "Fix:") || !strings.Contains(r.stdout, "Bad:") {
		t.Errorf("rules cgo-disabled: %s", r.stdout)
	}
	if r := golint(t, "", nil, "rules", "GD999"); r.code != 2 {
		t.Errorf("unknown rule: exit %d", r.code)
	}
}

// TestDocsAreCurrent: docs/rules.md is generated from the rules' metadata.
func TestDocsAreCurrent(t *testing.T) {
	r := golint(t, "", nil, "rules", "--format", "markdown")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	have, err := os.ReadFile("../../docs/rules.md")
	if err != nil || string(have) != r.stdout {
		t.Errorf("docs/rules.md is out of date: run `make docs`")
	}
}

func TestConfigPrecedenceAndPragmas(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", `FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
# golint-docker ignore=ldflags-strip stripped later by upx
RUN CGO_ENABLED=0 go build -trimpath -o /app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
ENTRYPOINT ["/app"]
`)
	// The build context (found from go.mod): a module with dependencies.
	write(t, dir, "go.mod", "module example.com/app\n\ngo 1.27\n\nrequire github.com/google/uuid v1.6.0\n")
	write(t, dir, "go.sum", "")
	cfg := write(t, dir, "cfg.yaml", "ignore: [GD026]\nseverity:\n  go-mod-download-order: error\nfailure-threshold: error\n")
	r := golint(t, "", nil, "--config", cfg, "--format", "json", df)
	if strings.Contains(r.stdout, `"GD026"`) || strings.Contains(r.stdout, `"GD005"`) {
		t.Errorf("ignored rule reported:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, `"rule_id": "GD003",`) || !strings.Contains(r.stdout, `"severity": "error"`) {
		t.Errorf("severity override not applied:\n%s", r.stdout)
	}
	if r.code != 1 {
		t.Errorf("config threshold error with an error finding: exit %d", r.code)
	}
	// The command line wins over the file.
	r = golint(t, "", nil, "--config", cfg, "--severity", "GD003=info", "--failure-threshold", "warning", df)
	if r.code != 0 {
		t.Errorf("flags should override the file: exit %d\n%s", r.code, r.stdout)
	}
	bad := write(t, dir, "bad.yaml", "ignore: [a]\nfailure-threshhold: error\n")
	r = golint(t, "", nil, "--config", bad, df)
	if r.code != 2 || !strings.Contains(r.stderr, "bad.yaml:2:") || !strings.Contains(r.stderr, "failure-threshhold") {
		t.Errorf("bad config: exit %d %s", r.code, r.stderr)
	}
}

func TestTrustedRegistries(t *testing.T) {
	r := golint(t, "", nil, "--trusted-registry", "registry.example.com", "--format", "json", clean)
	if !strings.Contains(r.stdout, `"GD029"`) || r.code != 1 {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
	r = golint(t, "", nil, "--trusted-registry", "docker.io", "--trusted-registry", "gcr.io/distroless", clean)
	if r.code != 0 {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestCustomPolicy(t *testing.T) {
	r := golint(t, "", nil, "--policy", "../../examples/policies/acme", "--format", "json", clean)
	if r.code != 1 || !strings.Contains(r.stdout, `"ACME001"`) || !strings.Contains(r.stdout, `LABEL org.opencontainers.image.source=\"https://github.com/acme/app\"`) {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = golint(t, "", nil, "rules", "--policy", "../../examples/policies/acme", "ACME001")
	if r.code != 0 || !strings.Contains(r.stdout, "org.opencontainers.image.source") {
		t.Errorf("rules: %s %s", r.stdout, r.stderr)
	}
}

func TestPolicySandbox(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "net.rego", `# METADATA
# title: Phones home
# custom:
#   id: EVIL001
#   severity: warning
package golintdocker.rules.evil_phone_home

deny contains {"msg": "x", "line": 1} if {
	http.send({"method": "GET", "url": "http://127.0.0.1:9/"}).status_code == 200
}
`)
	r := golint(t, "", nil, "--policy", dir, clean)
	if r.code != 2 || !strings.Contains(r.stderr, "net.rego:9") || !strings.Contains(r.stderr, "http.send is not allowed") {
		t.Errorf("http.send not refused: exit %d\n%s", r.code, r.stderr)
	}
	env := filepath.Join(t.TempDir(), "env.rego")
	os.WriteFile(env, []byte(`# METADATA
# title: Reads the environment
# custom:
#   id: EVIL002
#   severity: warning
package golintdocker.rules.evil_env

deny contains {"msg": opa.runtime().env.HOME, "line": 1}
`), 0o644)
	r = golint(t, "", nil, "--policy", filepath.Dir(env), clean)
	if r.code != 2 || !strings.Contains(r.stderr, "opa.runtime is not allowed") {
		t.Errorf("opa.runtime not refused: exit %d\n%s", r.code, r.stderr)
	}
	// With --allow-net the policy compiles; the call itself then fails
	// (nothing listens on port 9), which is a clear error naming the policy.
	r = golint(t, "", nil, "--allow-net", "--policy", dir, clean)
	if r.code != 2 || !strings.Contains(r.stdout, "net.rego:9") {
		t.Errorf("--allow-net: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestBrokenPolicyNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "broken.rego", "# METADATA\n# title: x\n# custom:\n#   id: X1\n#   severity: info\npackage golintdocker.rules.broken\n\ndeny contains x if {\n\tx := \n}\n")
	r := golint(t, "", nil, "--policy", dir, clean)
	if r.code != 2 || !strings.Contains(r.stderr, "broken.rego:10") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestSARIFOfTestdata: the SARIF of every testdata Dockerfile (real findings,
// real fixes, a file that fails to parse) is valid against the official
// schema.
func TestSARIFOfTestdata(t *testing.T) {
	dir := t.TempDir()
	broken := write(t, dir, "Dockerfile", "FROM alpine\nRUN <<EOF\n")
	out := filepath.Join(dir, "all.sarif")
	r := golint(t, "", nil, "--format", "sarif:"+out, "../../testdata/guide", "../../policies/golintdocker/rules", broken)
	if r.code != 2 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Fatalf("SARIF does not match the schema: %v", err)
	}
	raw, _ := os.ReadFile(out)
	for _, want := range []string{`"fixes"`, `"toolExecutionNotifications"`, `"helpUri"`, `"fullDescription"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
}
