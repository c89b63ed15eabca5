package policies_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/util"

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

// inputSchema is docs/input.schema.json as the schema.input the rules'
// `# schemas:` annotations name.
func inputSchema(t *testing.T) *ast.SchemaSet {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "docs", "input.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := util.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.MustParseRef("schema.input"), v)
	return ss
}

// strict compiles modules as `opa check --strict -s <dir with input.json>`
// does: strict, and input type-checked against the document's schema.
func strict(t *testing.T, modules map[string]*ast.Module) ast.Errors {
	c := ast.NewCompiler().WithStrict(true).WithEnablePrintStatements(true).
		WithSchemas(inputSchema(t)).WithUseTypeCheckAnnotations(true)
	c.Compile(modules)
	return c.Errors
}

// TestStrict compiles the rules as `opa check --strict` does, with the
// input schema.
func TestStrict(t *testing.T) {
	l := load(t)
	modules := map[string]*ast.Module{}
	for _, f := range l.Files {
		modules[f.Path] = f.Module
	}
	for _, e := range strict(t, modules) {
		t.Error(e)
	}
}

// TestSchemaCatchesMisspeltFields: a rule that declares the schema and reads
// a field the document does not have fails to compile.
func TestSchemaCatchesMisspeltFields(t *testing.T) {
	mod := ast.MustParseModuleWithOpts(`# METADATA
# schemas:
#   - input: schema.input
package golintdocker.rules.typo

deny contains msg if {
	some s in input.stages
	input.stages[s.index].rol == "runtime"
	msg := "x"
}
`, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	errs := strict(t, map[string]*ast.Module{"typo.rego": mod})
	if len(errs) == 0 || !strings.Contains(errs.Error(), "rol") {
		t.Fatalf("a misspelt field compiles: %v", errs)
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

// TestEmbedded: every policy file on disk is in the embedded FS (the
// go:embed patterns name directories and globs, not every file), and no
// rule's testdata is.
func TestEmbedded(t *testing.T) {
	disk := os.DirFS("golintdocker")
	err := fs.WalkDir(disk, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return fs.SkipDir
			}
			return nil
		}
		switch path.Ext(p) {
		case ".rego", ".json":
		case ".md":
			return nil
		default:
			t.Errorf("golintdocker/%s: only .rego, .json and .md files belong beside the rules (testdata/ holds the rest)", p)
			return nil
		}
		if _, err := fs.Stat(policies.FS, "golintdocker/"+p); err != nil {
			t.Errorf("golintdocker/%s is not embedded: add it to the go:embed patterns in embed.go", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "testdata" {
			t.Errorf("%s is embedded", p)
		}
		return nil
	})
}

// TestOneRuleOneDirectory: a built-in rule NAME lives in rules/NAME/NAME.rego,
// beside its tests and testdata.
func TestOneRuleOneDirectory(t *testing.T) {
	for _, r := range load(t).Rules {
		key := strings.TrimPrefix(r.Package, policy.RulesPackage+".")
		if want := "policies/golintdocker/rules/" + key + "/" + key + ".rego"; r.File != want {
			t.Errorf("%s (%s) is in %s, not %s", r.ID, r.Name, r.File, want)
		}
	}
}

// TestLibraryIsTested: each package of the Rego library (golintdocker/lib/
// X.rego, package golintdocker.lib.X) has X_test.rego beside it, which names
// every helper that rules or other packages use (X.helper); helpers used only
// inside their package are tested through the ones that use them.
func TestLibraryIsTested(t *testing.T) {
	l := load(t)
	raw := map[string]string{}
	for _, f := range l.Files {
		raw[f.Path] = string(f.Raw)
	}
	n := 0
	for _, f := range l.Files {
		dir, file := path.Split(f.Path)
		if f.Test || dir != "policies/golintdocker/lib/" {
			continue
		}
		n++
		pkg := strings.TrimSuffix(file, ".rego")
		if want := "data.golintdocker.lib." + pkg; f.Module.Package.Path.String() != want {
			t.Errorf("%s is package %s, not %s", f.Path, f.Module.Package.Path, want)
		}
		testPath := dir + pkg + "_test.rego"
		test, ok := raw[testPath]
		if !ok {
			t.Errorf("%s has no %s", f.Path, testPath)
			continue
		}
		seen := map[string]bool{}
		for _, r := range f.Module.Rules {
			name := r.Head.Ref()[0].String()
			if seen[name] {
				continue
			}
			seen[name] = true
			use := regexp.MustCompile(`\b` + pkg + `\.` + name + `\b`)
			if use.MatchString(test) {
				continue
			}
			for p, text := range raw {
				if p != f.Path && p != testPath && use.MatchString(text) {
					t.Errorf("%s.%s is used in %s but %s does not test it", pkg, name, p, testPath)
					break
				}
			}
		}
	}
	if n < 5 {
		t.Fatalf("only %d library packages found", n)
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
