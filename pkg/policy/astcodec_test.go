package policy

import (
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// nodes lists a module's nodes in walk order, with what evaluation reads of
// each: kind, value, flags, location (file, row, column, offset, text,
// tabs).
func nodes(m *ast.Module) []string {
	var out []string
	loc := func(l *ast.Location) string {
		if l == nil {
			return "-"
		}
		return fmt.Sprintf("%s:%d:%d@%d %q %v", l.File, l.Row, l.Col, l.Offset, l.Text, l.Tabs)
	}
	ast.NewGenericVisitor(func(x any) bool {
		switch v := x.(type) {
		case *ast.Module, *ast.Annotations, *ast.Comment, *ast.Import:
			if m, ok := v.(*ast.Module); ok {
				out = append(out, "module "+m.Package.String()+" "+loc(m.Package.Location))
			}
			return false
		case *ast.Rule:
			out = append(out, fmt.Sprintf("rule default=%v %s else=%v", v.Default, loc(v.Location), v.Else != nil))
		case *ast.Head:
			out = append(out, fmt.Sprintf("head %s %v assign=%v %s", v.Name, v.Reference, v.Assign, loc(v.Location)))
		case *ast.Expr:
			out = append(out, fmt.Sprintf("expr %d neg=%v gen=%v %T %s", v.Index, v.Negated, v.Generated, v.Terms, loc(v.Location)))
		case *ast.With:
			out = append(out, "with "+loc(v.Location))
		case *ast.Every:
			out = append(out, "every "+loc(v.Location))
		case *ast.SomeDecl:
			out = append(out, "some "+loc(v.Location))
		case *ast.Term:
			out = append(out, fmt.Sprintf("term %T %s %s", v.Value, v.Value, loc(v.Location)))
		default:
			out = append(out, fmt.Sprintf("%T", v))
		}
		return false
	}).Walk(m)
	return out
}

// TestCompiledRoundTrip: the built-in rules, compiled, encoded and decoded,
// are the compiled rules: every node, flag, location and renamed
// variable.
func TestCompiledRoundTrip(t *testing.T) {
	l, err := Load([]Source{{Name: "policies", FS: os.DirFS("../../policies"), Builtin: true}}, false)
	if err != nil {
		t.Fatal(err)
	}
	modules, src := map[string]*ast.Module{}, map[string][]byte{}
	for _, f := range l.Files {
		modules[f.Path], src[f.Path] = f.Module, f.Raw
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities(nil)).WithEnablePrintStatements(false)
	c.Compile(modules)
	if c.Failed() {
		t.Fatal(c.Errors)
	}
	raw, err := encodeModules(c.Modules, c.RewrittenVars, src)
	if err != nil {
		t.Fatal(err)
	}
	got, rewritten, _, err := decodeModules(raw, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(c.Modules) || !reflect.DeepEqual(rewritten, c.RewrittenVars) {
		t.Fatalf("%d modules (want %d), rewritten vars equal: %v", len(got), len(c.Modules), reflect.DeepEqual(rewritten, c.RewrittenVars))
	}
	for name, want := range c.Modules {
		g, w := nodes(got[name]), nodes(want)
		if len(g) != len(w) {
			t.Fatalf("%s: %d nodes, want %d", name, len(g), len(w))
		}
		for i := range w {
			if g[i] != w[i] {
				t.Fatalf("%s: node %d:\n%s\nwant\n%s", name, i, g[i], w[i])
			}
		}
		// Annotations are read at build time (rule metadata) and by the
		// compiler (rego.metadata calls, rewritten to their values).
		bare := want.Copy()
		bare.Annotations = nil
		ast.WalkRules(bare, func(r *ast.Rule) bool { r.Annotations = nil; return false })
		if !got[name].Equal(bare) || got[name].RegoVersion() != ast.RegoV1 {
			t.Fatalf("%s differs", name)
		}
	}
	// Damaged: an error, never a panic.
	for i := 0; i < len(raw); i += 1 + i/50 {
		if _, _, _, err := decodeModules(raw[:i], src); err == nil {
			t.Fatalf("cut at %d of %d: no error", i, len(raw))
		}
		bad := append([]byte(nil), raw...)
		bad[i] ^= 0xff
		decodeModules(bad, src)
	}
	if _, _, _, err := decodeModules(raw, nil); err == nil {
		t.Fatal("decoded without the sources the locations point into")
	}
}
