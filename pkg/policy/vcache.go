package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// boundedCalls is OPA's virtual cache with a bound on the results of
// function calls it keeps. OPA keeps every call's result, keyed by its
// arguments, for the whole evaluation: on a large file the rules call
// their helpers with hundreds of thousands of distinct arguments (an
// instruction, a command), and those entries are a large share of the
// evaluation's heap. Most repeat calls come soon after the first (the
// rules of one package asking the same helper about the same
// instruction), so the calls are kept in a cache of their own, started
// afresh after every maxCalls results. The values of rules (virtual
// documents) are all kept: rules read them over and over.
type boundedCalls struct {
	rules, calls topdown.VirtualCache
	n, depth     int
	max          int
}

func newBoundedCalls(max int) *boundedCalls {
	return &boundedCalls{rules: topdown.NewVirtualCache(), calls: topdown.NewVirtualCache(), max: max}
}

// call says whether ref is the key of a function call: it starts with the
// function's reference, where a virtual document's starts with data.
func call(ref ast.Ref) bool {
	if len(ref) == 0 {
		return false
	}
	_, ok := ref[0].Value.(ast.Ref)
	return ok
}

func (c *boundedCalls) Push() {
	c.rules.Push()
	c.calls.Push()
	c.depth++
}

func (c *boundedCalls) Pop() {
	c.rules.Pop()
	c.calls.Pop()
	c.depth--
}

func (c *boundedCalls) Get(ref ast.Ref) (*ast.Term, bool) {
	if call(ref) {
		return c.calls.Get(ref)
	}
	return c.rules.Get(ref)
}

func (c *boundedCalls) Put(ref ast.Ref, value *ast.Term) {
	if !call(ref) {
		c.rules.Put(ref, value)
		return
	}
	if c.n++; c.n > c.max {
		// A fresh cache with as many frames as the current one (each
		// `with` pushes one): what it held is worked out again if asked.
		c.calls = topdown.NewVirtualCache()
		for range c.depth {
			c.calls.Push()
		}
		c.n = 1
	}
	c.calls.Put(ref, value)
}

func (c *boundedCalls) Keys() []ast.Ref {
	return append(c.rules.Keys(), c.calls.Keys()...)
}

// largeInput is the size of a Dockerfile from which the results of
// function calls kept are bounded. Below it they are all kept, as OPA
// does: a small file's calls are few.
const largeInput = 64 << 10

// maxCalls is how many function results are kept, at most, for a large
// file.
const maxCalls = 1 << 14

// evalCache is the virtual cache for an evaluation of a Dockerfile of size
// bytes.
func evalCache(size int) rego.EvalOption {
	if size < largeInput {
		return func(*rego.EvalContext) {}
	}
	return rego.EvalVirtualCache(newBoundedCalls(maxCalls))
}
