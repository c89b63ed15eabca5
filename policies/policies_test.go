package policies_test

import (
	"context"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

func load(t *testing.T) *policy.Loaded {
	t.Helper()
	l, err := policy.Load([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}}, true)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestRego runs every test_ rule of the built-in policies, like `opa test policies`.
func TestRego(t *testing.T) {
	l := load(t)
	modules := map[string]*ast.Module{}
	for _, f := range l.Files {
		modules[f.Path] = f.Module
	}
	data, err := l.DataDocument(nil)
	if err != nil {
		t.Fatal(err)
	}
	compiler := ast.NewCompiler().WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(inmem.NewFromObject(data)).
		SetModules(modules).
		CapturePrintOutput(true).
		RaiseBuiltinErrors(true).
		RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		name := strings.TrimPrefix(r.Package, "data.") + "." + r.Name
		switch {
		case r.Error != nil:
			t.Errorf("%s (%s): error: %v", name, r.Location, r.Error)
		case r.Fail:
			t.Errorf("%s (%s): failed\n%s", name, r.Location, r.Output)
		case r.Skip:
			t.Logf("%s: skipped", name)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests found")
	}
}

// TestStrict compiles the rules as `opa check --strict` does.
func TestStrict(t *testing.T) {
	l := load(t)
	modules := map[string]*ast.Module{}
	for _, f := range l.Files {
		modules[f.Path] = f.Module
	}
	c := ast.NewCompiler().WithStrict(true).WithEnablePrintStatements(true)
	c.Compile(modules)
	for _, e := range c.Errors {
		t.Error(e)
	}
}

// TestFormatted fails for a policy file that `opa fmt` would change.
func TestFormatted(t *testing.T) {
	for _, f := range load(t).Files {
		want, err := format.SourceWithOpts(f.Path, f.Raw, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		if string(want) != string(f.Raw) {
			t.Errorf("%s is not formatted: run `make fmt` (opa fmt)", f.Path)
		}
	}
}

// TestEveryRuleIsTested: each rule file has a _test.rego beside it.
func TestEveryRuleIsTested(t *testing.T) {
	l := load(t)
	tests := map[string]bool{}
	for _, f := range l.Files {
		if f.Test {
			tests[strings.TrimSuffix(f.Path, "_test.rego")] = true
		}
	}
	for _, r := range l.Rules {
		if !tests[strings.TrimSuffix(r.File, ".rego")] {
			t.Errorf("%s (%s) has no %s", r.ID, r.File, strings.TrimSuffix(r.File, ".rego")+"_test.rego")
		}
	}
}
