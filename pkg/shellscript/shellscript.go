// Package shellscript parses the shell of a RUN instruction with mvdan.cc/sh
// into the simple commands it runs, so that rules can read argv and inline
// environment instead of matching strings.
//
// Not public API: a helper of pkg/document, free to change.
package shellscript

import (
	"fmt"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Word is one shell word after quote removal. Parameter expansions, command
// substitutions and the like are kept as written ("$TARGETARCH").
type Word struct {
	Value   string
	Literal bool // no expansion of any kind
	Start   int  // byte offsets of the word in the script
	End     int
	// Quote is the quote character when the whole word is one quoted string
	// ('"' or '\''), else 0. ValueStart is the offset of the first byte of
	// the content inside that quote (or of the word).
	Quote      byte
	ValueStart int
	node       *syntax.Word
}

// Assign is a NAME=value assignment.
type Assign struct {
	Name  string
	Value Word
	Start int
}

// Command is one simple command: inline assignments and argv. Declarations
// (export X=1) are commands whose Args[0] is the keyword.
type Command struct {
	Assigns []Assign
	Args    []Word
	Start   int
	End     int
	// Vars are the names of the parameters the command expands.
	Vars []string
	// Exact is false when the offsets are only approximate (a command found
	// inside a `sh -c "..."` string with escapes); fixes must not edit it.
	Exact bool
	// Top: the command runs in its script's own shell, in sequence (not in
	// a subshell, a $(...), a function, or as a stage of a pipe), so what
	// it changes (cd, set, exports) holds for the commands after it.
	Top bool
}

// Argv returns the argument values.
func (c *Command) Argv() []string {
	out := make([]string, len(c.Args))
	for i, a := range c.Args {
		out[i] = a.Value
	}
	return out
}

// Script is a parsed shell program.
type Script struct {
	Commands []Command
	// Pipelines are the pipes (a | b) of the script, outermost first.
	Pipelines []Pipeline
	// pipefail: `set -o pipefail` is in effect at the point of the walk.
	pipefail bool
}

// Pipeline is a pipe of two or more commands: `curl -fsSL $URL | sh`.
type Pipeline struct {
	// Stages are, for each stage of the pipe in order, the position in
	// Script.Commands of the simple command it runs, or -1 when the stage
	// is a compound command (a loop, a group, a subshell).
	Stages []int
	// Start and End are the byte offsets of the pipe in the script; Exact
	// as for Command.
	Start, End int
	Exact      bool
	// Pipefail: `set -o pipefail` (or -eo pipefail, ...) ran before the
	// pipe in the same shell, so the pipe fails when any stage fails.
	Pipefail bool
	// Substituted: the pipe is inside a command or process substitution
	// ($(...), `...`, <(...)), whose status the script mostly ignores.
	Substituted bool
}

// Parse parses src as a POSIX/bash script. On a syntax error it returns the
// error and no commands.
func Parse(src string) (*Script, error) {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return nil, cleanErr(err)
	}
	s := &Script{}
	s.collect(src, f, 0, true, 0)
	return s, nil
}

func cleanErr(err error) error {
	if pe, ok := err.(syntax.ParseError); ok {
		return fmt.Errorf("shell syntax: %s", pe.Text)
	}
	return fmt.Errorf("shell syntax: %v", err)
}

// maxNesting bounds how deep `sh -c` strings are followed.
const maxNesting = 3

// collect appends the simple commands under node. base is added to every
// offset: nested scripts (sh -c) are parsed on their own and shifted.
func (s *Script) collect(src string, root syntax.Node, base int, exact bool, depth int) {
	// inner counts the enclosing nodes whose commands do not run in the
	// script's own shell in sequence (subshells, substitutions, functions,
	// pipe stages); stack holds the nodes being walked, to pop them.
	inner, subst := 0, 0
	var stack []node
	var visit func(n syntax.Node) bool
	enter := func(n node) bool {
		stack = append(stack, n)
		if n.inner {
			inner++
		}
		if n.subst {
			subst++
		}
		return true
	}
	visit = func(n syntax.Node) bool {
		switch n := n.(type) {
		case nil:
			if k := len(stack) - 1; k >= 0 {
				if stack[k].inner {
					inner--
				}
				if stack[k].subst {
					subst--
				}
				stack = stack[:k]
			}
			return true
		case *syntax.BinaryCmd:
			if n.Op == syntax.Pipe || n.Op == syntax.PipeAll {
				s.pipeline(src, n, base, exact, subst > 0, func(st *syntax.Stmt) {
					inner++
					syntax.Walk(st, visit)
					inner--
				})
				return false
			}
			// `a && b && ... && z` nests as deep as it is long; walking it
			// recursively would grow the stack with the script. Its operands
			// are visited in order from a flat list instead.
			for _, st := range operands(n) {
				syntax.Walk(st, visit)
			}
			return false
		case *syntax.CmdSubst, *syntax.ProcSubst:
			return enter(node{inner: true, subst: true})
		case *syntax.Subshell, *syntax.FuncDecl:
			return enter(node{inner: true})
		case *syntax.CallExpr:
			c := command(src, n.Assigns, n.Args, base, exact)
			c.Top = inner == 0
			if c.Top && len(c.Args) > 0 && c.Args[0].Value == "set" {
				s.setOptions(c.Argv()[1:])
			}
			s.Commands = append(s.Commands, c)
			if depth < maxNesting {
				s.nested(c, depth)
			}
		case *syntax.DeclClause:
			kw := &syntax.Word{Parts: []syntax.WordPart{n.Variant}}
			var assigns []*syntax.Assign
			var args = []*syntax.Word{kw}
			for _, a := range n.Args {
				switch {
				case a.Name != nil && !a.Naked:
					assigns = append(assigns, a)
				case a.Value != nil:
					args = append(args, a.Value)
				case a.Name != nil:
					// export PATH: a name without a value
					args = append(args, &syntax.Word{Parts: []syntax.WordPart{a.Name}})
				}
			}
			c := command(src, assigns, args, base, exact)
			c.Top = inner == 0
			s.Commands = append(s.Commands, c)
		}
		return enter(node{})
	}
	syntax.Walk(root, visit)
}

// node is what collect remembers of a node it walks into: whether the
// commands under it run apart from the script's own shell (inner), in a
// substitution (subst).
type node struct{ inner, subst bool }

// pipeline records the pipe b (flattening a | b | c) and walks its stages
// with walk, in order.
func (s *Script) pipeline(src string, b *syntax.BinaryCmd, base int, exact, substituted bool, walk func(*syntax.Stmt)) {
	var stages []*syntax.Stmt
	stack := []*syntax.Stmt{b.Y, b.X}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if inner, ok := st.Cmd.(*syntax.BinaryCmd); ok && len(st.Redirs) == 0 && (inner.Op == syntax.Pipe || inner.Op == syntax.PipeAll) {
			stack = append(stack, inner.Y, inner.X)
			continue
		}
		stages = append(stages, st)
	}
	k := len(s.Pipelines)
	s.Pipelines = append(s.Pipelines, Pipeline{
		Start: int(b.Pos().Offset()) + base, End: int(b.End().Offset()) + base,
		Exact: exact, Pipefail: s.pipefail, Substituted: substituted,
	})
	for _, st := range stages {
		at := -1
		if _, simple := st.Cmd.(*syntax.CallExpr); simple {
			at = len(s.Commands)
		}
		walk(st)
		if at >= len(s.Commands) {
			at = -1
		}
		s.Pipelines[k].Stages = append(s.Pipelines[k].Stages, at)
	}
}

// setOptions follows `set -o pipefail`, `set -euo pipefail`, `set +o
// pipefail` for the pipes after it.
func (s *Script) setOptions(args []string) {
	for i := 0; i+1 < len(args); i++ {
		a := args[i]
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') || strings.HasPrefix(a, "--") || !strings.Contains(a, "o") {
			continue
		}
		if args[i+1] == "pipefail" {
			s.pipefail = a[0] == '-'
		}
	}
}

// operands lists the statements joined by a chain of && and || in source
// order, without recursion (a pipe is one operand: see pipeline).
func operands(b *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	stack := []*syntax.Stmt{b.Y, b.X}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if inner, ok := st.Cmd.(*syntax.BinaryCmd); ok && len(st.Redirs) == 0 && inner.Op != syntax.Pipe && inner.Op != syntax.PipeAll {
			stack = append(stack, inner.Y, inner.X)
			continue
		}
		out = append(out, st)
	}
	return out
}

// nested follows `sh -c 'script'` and `bash -c "script"`.
func (s *Script) nested(c Command, depth int) {
	if len(c.Args) < 3 {
		return
	}
	switch base(c.Args[0].Value) {
	case "sh", "bash", "ash", "dash", "zsh":
	default:
		return
	}
	for i := 1; i+1 < len(c.Args); i++ {
		a := c.Args[i].Value
		if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "--") {
			return
		}
		if strings.Contains(a, "c") {
			w := c.Args[i+1]
			inner, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(w.Value), "")
			if err != nil {
				return
			}
			// A string whose content is its value byte for byte (no escapes,
			// no expansions) maps exactly onto the source; anything else
			// only approximately, to the whole word.
			content := w.End - w.ValueStart
			if w.Quote != 0 {
				content--
			}
			exact := c.Exact && w.Literal && content == len(w.Value)
			from, fromPipe := len(s.Commands), len(s.Pipelines)
			// A new shell: the options of this one do not reach it.
			pipefail := s.pipefail
			s.pipefail = false
			s.collect(w.Value, inner, w.ValueStart, exact, depth+1)
			s.pipefail = pipefail
			if !exact {
				for j := from; j < len(s.Commands); j++ {
					s.Commands[j].Start, s.Commands[j].End = w.Start, w.End
				}
				for j := fromPipe; j < len(s.Pipelines); j++ {
					s.Pipelines[j].Start, s.Pipelines[j].End = w.Start, w.End
				}
			}
			return
		}
	}
}

func base(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func command(src string, assigns []*syntax.Assign, args []*syntax.Word, base int, exact bool) Command {
	c := Command{Exact: exact}
	vars := map[string]bool{}
	first, last := -1, -1
	span := func(n syntax.Node) {
		if first < 0 || int(n.Pos().Offset()) < first {
			first = int(n.Pos().Offset())
		}
		if e := int(n.End().Offset()); e > last {
			last = e
		}
	}
	for _, a := range assigns {
		if a.Name == nil {
			continue
		}
		span(a)
		as := Assign{Name: a.Name.Value, Start: int(a.Pos().Offset()) + base}
		if a.Value != nil {
			as.Value = word(src, a.Value, base, vars)
		} else {
			as.Value = Word{Literal: true, Start: int(a.End().Offset()) + base, End: int(a.End().Offset()) + base, ValueStart: int(a.End().Offset()) + base}
		}
		c.Assigns = append(c.Assigns, as)
	}
	for _, w := range args {
		span(w)
		c.Args = append(c.Args, word(src, w, base, vars))
	}
	c.Start, c.End = first+base, last+base
	for v := range vars {
		c.Vars = append(c.Vars, v)
	}
	slices.Sort(c.Vars)
	return c
}

func word(src string, w *syntax.Word, base int, vars map[string]bool) Word {
	out := Word{Literal: true, Start: int(w.Pos().Offset()) + base, End: int(w.End().Offset()) + base, node: w}
	out.ValueStart = out.Start
	var b strings.Builder
	if len(w.Parts) == 1 {
		switch p := w.Parts[0].(type) {
		case *syntax.SglQuoted:
			out.Quote, out.ValueStart = '\'', out.Start+1
			if p.Dollar {
				out.ValueStart++
			}
		case *syntax.DblQuoted:
			out.Quote, out.ValueStart = '"', out.Start+1
			if p.Dollar {
				out.ValueStart++
			}
		}
	}
	parts(src, w.Parts, false, &b, &out.Literal, vars)
	out.Value = b.String()
	return out
}

func parts(src string, ps []syntax.WordPart, inDouble bool, b *strings.Builder, literal *bool, vars map[string]bool) {
	for _, p := range ps {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(p.Value, inDouble))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			parts(src, p.Parts, true, b, literal, vars)
		default:
			*literal = false
			syntax.Walk(p, func(n syntax.Node) bool {
				if pe, ok := n.(*syntax.ParamExp); ok && pe.Param != nil {
					vars[pe.Param.Value] = true
				}
				return true
			})
			b.WriteString(sourceOf(src, p))
		}
	}
}

func sourceOf(src string, n syntax.Node) string {
	s, e := int(n.Pos().Offset()), int(n.End().Offset())
	if s < 0 || e > len(src) || s > e {
		return ""
	}
	return src[s:e]
}

// unescape removes the backslashes the shell would remove.
func unescape(s string, inDouble bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			next := s[i+1]
			if next == '\n' {
				i++
				continue
			}
			if !inDouble || strings.IndexByte("$`\"\\", next) >= 0 {
				b.WriteByte(next)
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
