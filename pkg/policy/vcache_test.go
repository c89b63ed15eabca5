package policy

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestResultsOnly: the values of rules are cached, the results of
// function calls are not.
func TestResultsOnly(t *testing.T) {
	c := newResultsOnly()
	rule := ast.MustParseRef("data.golintdocker.findings")
	c.Put(rule, ast.StringTerm("v"))
	if got, _ := c.Get(rule); got == nil || !got.Equal(ast.StringTerm("v")) {
		t.Errorf("a rule's value: cached %v", got)
	}
	undefined := ast.MustParseRef(`data.rules.x["k"]`)
	c.Put(undefined, nil)
	if got, undef := c.Get(undefined); got != nil || !undef {
		t.Errorf("a rule's undefined value: %v, %v", got, undef)
	}
	// A call's key, as OPA's evalFunc makes it: the function's reference,
	// then the arguments.
	call := ast.Ref{ast.RefTerm(ast.MustParseRef("data.lib.f")...), ast.IntNumberTerm(1)}
	c.Put(call, ast.BooleanTerm(true))
	if got, undef := c.Get(call); got != nil || undef {
		t.Errorf("a function's result: cached %v, %v", got, undef)
	}
}
