package policy

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestNewPrecompiledModules: the compiler NewPrecompiled builds holds the
// compiled rules, node for node (not the stand-ins its Compile is given),
// and its rule tree, where evaluation looks rules up, holds every rule of
// those modules.
func TestNewPrecompiledModules(t *testing.T) {
	e, raw, src := precompiledEngine(t)
	want, _, _, err := decodeModules(raw, src)
	if err != nil {
		t.Fatal(err)
	}
	c := e.compiler
	if len(c.Modules) != len(want) || len(want) < 50 {
		t.Fatalf("%d modules, want %d (and at least 50)", len(c.Modules), len(want))
	}
	for name, w := range want {
		g, w := nodes(c.Modules[name]), nodes(w)
		if len(g) != len(w) || len(w) < 3 {
			t.Fatalf("%s: %d nodes, want %d", name, len(g), len(w))
		}
		for i := range w {
			if g[i] != w[i] {
				t.Fatalf("%s: node %d:\n%s\nwant\n%s", name, i, g[i], w[i])
			}
		}
	}
	inTree := map[*ast.Rule]bool{}
	c.RuleTree.DepthFirst(func(n *ast.TreeNode) bool {
		for _, v := range n.Values {
			inTree[v] = true
		}
		return false
	})
	for name, m := range c.Modules {
		for _, r := range m.Rules {
			if !inTree[r] {
				t.Fatalf("%s: rule %s is not in the compiler's rule tree", name, r.Head.Ref())
			}
		}
	}
}

// TestNewPrecompiledComprehensionIndices: the compiler NewPrecompiled
// builds, whose comprehension-index stage sees only the rules holding a
// comprehension, indexes every comprehension as the same stages over
// every rule do.
func TestNewPrecompiledComprehensionIndices(t *testing.T) {
	e, raw, src := precompiledEngine(t)
	modules, rewritten, _, err := decodeModules(raw, src)
	if err != nil {
		t.Fatal(err)
	}
	var skip []ast.StageID
	for _, s := range ast.AllStages() {
		if !slices.Contains(precompiledStages, s) {
			skip = append(skip, s)
		}
	}
	ref := ast.NewCompiler().WithCapabilities(Capabilities(nil)).WithEnablePrintStatements(false).WithSkipStages(skip...)
	ref.RewrittenVars = rewritten
	ref.Compile(modules)
	if ref.Failed() {
		t.Fatal(ref.Errors)
	}
	indices := func(c *ast.Compiler) []string {
		var out []string
		for _, name := range slices.Sorted(maps.Keys(c.Modules)) {
			ast.WalkTerms(c.Modules[name], func(x *ast.Term) bool {
				switch x.Value.(type) {
				case *ast.ArrayComprehension, *ast.SetComprehension, *ast.ObjectComprehension:
					out = append(out, fmt.Sprintf("%s %v: %v", name, x.Location, c.ComprehensionIndex(x)))
				}
				return false
			})
		}
		return out
	}
	got, want := indices(e.compiler), indices(ref)
	indexed := 0
	for _, w := range want {
		if !strings.HasSuffix(w, ": <nil>") {
			indexed++
		}
	}
	if len(want) < 50 || indexed < 10 {
		t.Fatalf("%d comprehensions, %d indexed: want more to compare", len(want), indexed)
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("comprehension %d:\n%s\nwant\n%s", i, got[i], want[i])
			}
		}
		t.Fatalf("%d comprehensions, want %d", len(got), len(want))
	}
	t.Logf("%d comprehensions, %d indexed", len(want), indexed)
}

// precompiledEngine is NewPrecompiled's engine for the built-in rules,
// with their encoded form and sources.
func precompiledEngine(t *testing.T) (*Engine, []byte, map[string][]byte) {
	t.Helper()
	l, err := Load([]Source{{Name: "policies", FS: os.DirFS("../../policies"), Builtin: true}}, false)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := Precompile(l)
	if err != nil {
		t.Fatal(err)
	}
	src := map[string][]byte{}
	for _, f := range l.Files {
		src[f.Path] = f.Raw
	}
	e, err := NewPrecompiled(context.Background(), raw, src, l, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e, raw, src
}
