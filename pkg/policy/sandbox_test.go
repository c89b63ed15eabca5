package policy_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

// TestMain makes this test binary the sandbox's worker when the sandbox
// starts it (as golint-docker's main does).
func TestMain(m *testing.M) {
	if policy.IsWorker() {
		os.Exit(policy.RunWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// rule is a custom rule package named name whose deny body is body.
func rule(name, body string) string {
	return fmt.Sprintf("# METADATA\n# title: %s\n# custom:\n#   id: T%d\n#   severity: warning\npackage golintdocker.rules.%s\n\n%s\n", name, len(name), name, body)
}

// engine loads the built-in rules and the custom modules (path → source).
func engine(t testing.TB, opt policy.Options, modules map[string]string) (*policy.Engine, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, src := range modules {
		fsys[p] = &fstest.MapFile{Data: []byte(src)}
	}
	l, err := policy.Load([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}, {Name: "custom", FS: fsys}}, false)
	if err != nil {
		return nil, err
	}
	e, err := policy.New(context.Background(), l, opt)
	if err == nil {
		t.Cleanup(e.Close)
	}
	return e, err
}

func input(t testing.TB) (ast.Value, int) {
	t.Helper()
	src := "FROM golang:1.27-alpine AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n"
	p := filepath.Join(t.TempDir(), "Dockerfile")
	os.WriteFile(p, []byte(src), 0o644)
	doc, err := lint.New(nil, lint.Options{}).ReadDocument(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := policy.Value(doc)
	if err != nil {
		t.Fatal(err)
	}
	return v, len(src)
}

// TestSandboxEvaluates: custom rules run in the worker, built-in ones here;
// both kinds of findings come back, the custom one complete with its
// metadata.
func TestSandboxEvaluates(t *testing.T) {
	e, err := engine(t, policy.Options{}, map[string]string{
		"final.rego": rule("custom_final", `import data.golintdocker.lib.stages

deny contains {"msg": sprintf("final stage from %s", [stages.final.from.image]), "line": stages.final.line}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	in, size := input(t)
	fs, err := e.EvaluateValue(context.Background(), in, size)
	if err != nil {
		t.Fatal(err)
	}
	var custom, builtin int
	for _, f := range fs {
		if f.RuleName == "custom-final" {
			custom++
			if f.Message != "final stage from scratch" || f.Line != 3 || f.RuleID != "T12" {
				t.Errorf("custom finding %+v", f)
			}
		} else {
			builtin++
		}
	}
	if custom != 1 || builtin == 0 {
		t.Errorf("%d custom and %d built-in findings: %+v", custom, builtin, fs)
	}
}

// limitEngine is an engine whose custom rule shifts 1 left by shift bits:
// bits.lsh(1, 1e8) runs for minutes, bits.lsh(1, 1e12) asks for 125 GB.
func limitEngine(t *testing.T, shift string, opt policy.Options) *policy.Engine {
	t.Helper()
	e, err := engine(t, opt, map[string]string{
		"lsh.rego": rule("lsh", "deny contains {\"msg\": \"m\", \"line\": 1} if {\n\tbits.lsh(1, "+shift+") < 0\n}"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestMemoryHoldsForABuiltin(t *testing.T) {
	e := limitEngine(t, "1000000000000", policy.Options{MaxHeap: limits.Budget[uint64]{Limit: 256 << 20}, Workers: 1})
	in, size := input(t)
	_, err := e.EvaluateValue(context.Background(), in, size)
	if !errors.Is(err, policy.ErrMemory) || !strings.Contains(err.Error(), "more memory than 256 MiB allows") {
		t.Fatalf("err = %v", err)
	}
	for _, leak := range []string{"goroutine", "runtime.", ".go:"} {
		if strings.Contains(err.Error(), leak) {
			t.Errorf("a stack trace reaches the message: %v", err)
		}
	}
}

// TestBadFindingsInTheSandbox: what a custom rule writes reaches the check
// even when it lacks msg or line or is not an object (main.rego's
// make_finding keeps it), and the error names the policy file and rule.
func TestBadFindingsInTheSandbox(t *testing.T) {
	for _, tc := range []struct {
		name, deny, want string
	}{
		{"no_msg", `deny contains {"line": 1}`, `msg: missing (want string)`},
		{"not_object", `deny contains "just a string"`, `a deny entry must be an object with "msg" and "line", not "just a string"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := engine(t, policy.Options{Workers: 1}, map[string]string{tc.name + ".rego": rule(tc.name, tc.deny)})
			if err != nil {
				t.Fatal(err)
			}
			in, size := input(t)
			_, err = e.EvaluateValue(context.Background(), in, size)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "custom/"+tc.name+".rego: rule "+strings.ReplaceAll(tc.name, "_", "-")+" (T"+strconv.Itoa(len(tc.name))+")") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v\nwant the file, the rule and %q", err, tc.want)
			}
		})
	}
}

// TestDecodeChecksTheSchema: every malformed finding is an error naming the
// rule's file, name and id, and what is wrong.
func TestDecodeChecksTheSchema(t *testing.T) {
	rules := policy.Index([]policy.Rule{{Name: "acme-x", ID: "ACME9", File: "policy/x.rego"}})
	for _, tc := range []struct {
		finding, want string
	}{
		{`{"rule_name": "acme-x", "message": null, "line": 1}`, "msg: missing (want string)"},
		{`{"rule_name": "acme-x", "message": "m", "line": null}`, "line: missing (want integer)"},
		{`{"rule_name": "acme-x", "message": "m", "line": "5"}`, "line: got string, want integer"},
		{`{"rule_name": "acme-x", "message": "m", "line": 0}`, "line: minimum: got 0, want 1"},
		{`{"rule_name": "acme-x", "message": "m", "line": 1.5}`, "line: got number, want integer"},
		{`{"rule_name": "acme-x", "message": 5, "line": 1}`, "msg: got number, want string"},
		{`{"rule_name": "acme-x", "message": "", "line": 1}`, "msg: minLength"},
		{`{"rule_name": "acme-x", "message": "m", "line": 1, "severity": "fatal"}`, "severity: 'fatal' does not match pattern"},
		{`{"rule_name": "acme-x", "message": "m", "line": 1, "edits": [{"line": 1}]}`, "edits.0: missing property 'end_line'"},
		{`{"rule_name": "acme-x", "message": "m", "line": 1, "edits": "x"}`, "edits: got string, want array"},
		{`{"rule_name": "acme-x", "message": "m", "line": 1, "end_line": -3}`, "end_line: minimum"},
		{`{"rule_name": "acme-x", "message": "m", "line": 1, "title": [], "edits": [{"line": 1, "end_line": 1, "column": -1, "text": 3}]}`, "edits.0.column: minimum: got -1, want 0; edits.0.text: got number, want string; title: got array, want string"},
		{`{"rule_name": "acme-x", "message": null, "line": null, "value": 7}`, `a deny entry must be an object with "msg" and "line", not 7`},
	} {
		_, err := policy.DecodeJSON([]byte("["+tc.finding+"]"), rules)
		if err == nil || !strings.HasPrefix(err.Error(), "policy/x.rego: rule acme-x (ACME9)") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant %q", tc.finding, err, tc.want)
		}
	}
	// An unknown rule (an OPA server's) is named by its package.
	_, err := policy.DecodeJSON([]byte(`[{"rule_name": "remote", "message": "m"}]`), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "rule remote returned a bad finding: line: missing") && !strings.Contains(err.Error(), "missing property 'line'") {
		t.Errorf("remote: %v", err)
	}
	for _, raw := range []string{`{}`, `"x"`, `[1`, `[] x`} {
		if _, err := policy.DecodeJSON([]byte(raw), nil); err == nil {
			t.Errorf("%s: no error", raw)
		}
	}
	// An item that is not an object (an OPA server's; in process
	// make_finding wraps it), even a string that holds JSON.
	for _, raw := range []string{`5`, `"{\"rule_name\": \"r\"}"`, `null`} {
		_, err := policy.DecodeJSON([]byte("["+raw+"]"), nil)
		if err == nil || !strings.HasPrefix(err.Error(), "a rule returned a bad finding: got ") || !strings.HasSuffix(err.Error(), ", want object") {
			t.Errorf("%s: %v", raw, err)
		}
	}
	// A good one, with a help link that is not http(s) dropped.
	fs, err := policy.DecodeJSON([]byte(`[{"rule_name": "acme-x", "rule_id": "ACME9", "message": "m", "line": 2, "severity": "warn", "help_uri": "javascript:alert(1)"}]`), rules)
	if err != nil || len(fs) != 1 || fs[0].Line != 2 || fs[0].EndLine != 2 || fs[0].HelpURI != "" || fs[0].RuleName != "acme-x" {
		t.Errorf("%+v %v", fs, err)
	}
}

// TestHelpLinkFromMetadata: a policy's related_resources link that is not
// http(s) is not its rule's help link.
func TestHelpLinkFromMetadata(t *testing.T) {
	src := "# METADATA\n# title: t\n# related_resources:\n#   - ref: javascript:alert(1)\n# custom:\n#   id: J1\n#   severity: info\npackage golintdocker.rules.js\n\ndeny contains {\"msg\": \"m\", \"line\": 1} if false\n"
	l, err := policy.Load([]policy.Source{{Name: "custom", FS: fstest.MapFS{"js.rego": {Data: []byte(src)}}}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rules) != 1 || l.Rules[0].HelpURI != "" {
		t.Errorf("%+v", l.Rules)
	}
}
