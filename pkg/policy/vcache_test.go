package policy

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// callKey is the key of a call of data.lib.f(n), as OPA's evalFunc makes
// it: the function's reference, then the arguments.
func callKey(n int) ast.Ref {
	return ast.Ref{ast.RefTerm(ast.MustParseRef("data.lib.f")...), ast.IntNumberTerm(n)}
}

// TestBoundedCalls: the values of rules are all kept; the results of
// function calls, up to the bound, after which the cache of calls starts
// afresh (with as many frames as the evaluation has pushed).
func TestBoundedCalls(t *testing.T) {
	c := newBoundedCalls(2)
	rule := ast.MustParseRef("data.golintdocker.findings")
	c.Put(rule, ast.StringTerm("v"))
	undefined := ast.MustParseRef(`data.rules.x["k"]`)
	c.Put(undefined, nil)
	cached := func(n int) bool {
		v, _ := c.Get(callKey(n))
		return v != nil && v.Equal(ast.IntNumberTerm(n*10))
	}
	c.Put(callKey(1), ast.IntNumberTerm(10))
	c.Put(callKey(2), ast.IntNumberTerm(20))
	if !cached(1) || !cached(2) {
		t.Fatal("calls within the bound are not cached")
	}
	c.Push() // a `with`
	c.Put(callKey(3), ast.IntNumberTerm(30))
	if cached(1) || cached(2) || !cached(3) {
		t.Errorf("past the bound: 1 %v, 2 %v, 3 %v; want only 3", cached(1), cached(2), cached(3))
	}
	c.Pop()
	if cached(3) {
		t.Error("a call cached under `with` outlives its frame")
	}
	c.Put(callKey(4), ast.IntNumberTerm(40))
	if !cached(4) {
		t.Error("a call after the frame is not cached")
	}
	if got, _ := c.Get(rule); got == nil || !got.Equal(ast.StringTerm("v")) {
		t.Errorf("a rule's value: cached %v", got)
	}
	if got, undef := c.Get(undefined); got != nil || !undef {
		t.Errorf("a rule's undefined value: %v, %v", got, undef)
	}
	if len(c.Keys()) != 2 { // the rule's value and call 4
		t.Errorf("keys %v", c.Keys())
	}
}
