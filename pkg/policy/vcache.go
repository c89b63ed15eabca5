package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// resultsOnly is OPA's virtual cache without the results of function
// calls. OPA keeps every call's result, keyed by its arguments, for the
// whole evaluation; the rules call their helpers once per instruction
// with arguments no other call repeats (an instruction, a command), so
// on a large file those entries are a large share of the evaluation's
// heap and are almost never read again. The values of rules (virtual
// documents) are still cached: rules read them over and over.
type resultsOnly struct {
	topdown.VirtualCache
}

func newResultsOnly() topdown.VirtualCache {
	return resultsOnly{topdown.NewVirtualCache()}
}

// Put drops the result of a function call: its key starts with the
// function's reference, where a virtual document's starts with data.
func (c resultsOnly) Put(ref ast.Ref, value *ast.Term) {
	if len(ref) > 0 {
		if _, call := ref[0].Value.(ast.Ref); call {
			return
		}
	}
	c.VirtualCache.Put(ref, value)
}

// largeInput is the size of a Dockerfile from which function results are
// not cached. Below it they are kept, as OPA does: a small file's calls
// are few, and some repeat.
const largeInput = 64 << 10

// evalCache is the virtual cache for an evaluation of a Dockerfile of size
// bytes.
func evalCache(size int) rego.EvalOption {
	if size < largeInput {
		return func(*rego.EvalContext) {}
	}
	return rego.EvalVirtualCache(newResultsOnly())
}
