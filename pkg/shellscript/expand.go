package shellscript

import (
	"errors"
	"io"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// Lookup returns a variable's value; ok is false when the value cannot be
// known (an ARG without a default, a variable the base image may set).
type Lookup func(name string) (value string, ok bool)

var errUnknown = errors.New("value not known")

// environ answers the expander from a Lookup and remembers whether it asked
// for something unknown.
type environ struct {
	lookup  Lookup
	unknown bool
}

func (e *environ) Get(name string) expand.Variable {
	switch name {
	case "IFS":
		// The default IFS, unless the script sets one: splitting on blanks.
		return expand.Variable{}
	case "PWD":
		// Asked by the expander itself, whatever the words.
		return expand.Variable{}
	}
	if v, ok := e.lookup(name); ok {
		return expand.Variable{Set: true, Kind: expand.String, Str: v}
	}
	e.unknown = true
	return expand.Variable{}
}

func (e *environ) Each(func(string, expand.Variable) bool) {}

func (e *environ) config() *expand.Config {
	return &expand.Config{
		Env: e,
		// $(...) runs a command whose output cannot be known here.
		CmdSubst:  func(io.Writer, *syntax.CmdSubst) error { return errUnknown },
		ProcSubst: func(*syntax.ProcSubst) (string, error) { return "", errUnknown },
	}
}

// ExpandArgs expands the command's words the way the shell would: parameter
// expansion with lookup, then field splitting of unquoted expansions (no
// globbing). ok is false when a value it needs cannot be known, and the
// words are then returned as written.
func (c *Command) ExpandArgs(lookup Lookup) (argv []string, ok bool) {
	literal := true
	nodes := make([]*syntax.Word, len(c.Args))
	for i, a := range c.Args {
		literal = literal && a.Literal
		nodes[i] = a.node
		if a.node == nil {
			return c.Argv(), literal
		}
	}
	if literal {
		return c.Argv(), true
	}
	env := &environ{lookup: lookup}
	out, err := expand.Fields(env.config(), nodes...)
	if err != nil || env.unknown {
		return c.Argv(), false
	}
	return out, true
}

// Expand expands one word without field splitting (an assignment's value,
// or a word known to stay one argument). ok is false when a value it needs
// cannot be known.
func (w Word) Expand(lookup Lookup) (string, bool) {
	if w.Literal || w.node == nil {
		return w.Value, w.Literal
	}
	env := &environ{lookup: lookup}
	s, err := expand.Literal(env.config(), w.node)
	if err != nil || env.unknown {
		return w.Value, false
	}
	return s, true
}
