// Package gocmd reads a `go` command line the way the go command does: which
// subcommand, which build flags with which values, which packages.
//
// Not public API: a helper of pkg/document, free to change.
package gocmd

import "strings"

// Flag is one flag as given on the command line.
type Flag struct {
	Name  string // without dashes: "ldflags"
	Value string
	// Arg is the index (in the args passed to Parse) of the word holding the
	// flag; ValueArg of the word holding its value (Arg, or Arg+1 when the
	// value is a separate word), and ValueOffset the byte offset of the value
	// inside that word.
	Arg, ValueArg, ValueOffset int
}

// Invocation is a parsed go command.
type Invocation struct {
	Subcommand string // "build", "install", "mod download", "env", ...
	Flags      []Flag
	Args       []string // positional arguments (packages for build/install)
	// FirstArg is the index of the first word after the subcommand.
	FirstArg int
}

// Last returns the last flag named name (the go command keeps the last one).
func (inv *Invocation) Last(name string) (Flag, bool) {
	for i := len(inv.Flags) - 1; i >= 0; i-- {
		if inv.Flags[i].Name == name {
			return inv.Flags[i], true
		}
	}
	return Flag{}, false
}

// Bool reports whether the boolean flag name is set to true.
func (inv *Invocation) Bool(name string) bool {
	f, ok := inv.Last(name)
	if !ok {
		return false
	}
	return f.Value == "" || f.Value == "true" || f.Value == "1"
}

// valueFlags are the build flags that take a value in a separate word.
var valueFlags = map[string]bool{
	"C": true, "o": true, "p": true, "asmflags": true, "buildmode": true, "compiler": true,
	"gccgoflags": true, "gcflags": true, "installsuffix": true, "ldflags": true, "mod": true,
	"modfile": true, "overlay": true, "pgo": true, "pkgdir": true, "tags": true, "toolexec": true,
	"covermode": true, "coverpkg": true, "exec": true, "run": true, "bench": true, "count": true,
	"timeout": true, "cpu": true, "parallel": true, "benchtime": true, "coverprofile": true,
	"cpuprofile": true, "memprofile": true, "outputdir": true, "skip": true, "shuffle": true,
	"fuzz": true, "fuzztime": true, "json": false, "w": false,
}

// subcommands with a second word.
var twoWord = map[string]bool{"mod": true, "tool": true, "work": true}

// Parse reads args, the words after `go`.
func Parse(args []string) Invocation {
	inv := Invocation{}
	i := 0
	// go -C dir build ...: -C may come before the subcommand.
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		name, value, has := split(args[i])
		f := Flag{Name: name, Value: value, Arg: i, ValueArg: i, ValueOffset: len(args[i]) - len(value)}
		if !has && valueFlags[name] && i+1 < len(args) {
			i++
			f.Value, f.ValueArg, f.ValueOffset = args[i], i, 0
		}
		inv.Flags = append(inv.Flags, f)
		i++
	}
	if i >= len(args) {
		return inv
	}
	inv.Subcommand = args[i]
	i++
	if twoWord[inv.Subcommand] && i < len(args) && !strings.HasPrefix(args[i], "-") {
		inv.Subcommand += " " + args[i]
		i++
	}
	inv.FirstArg = i
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			inv.Args = append(inv.Args, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" || len(inv.Args) > 0 && inv.Subcommand != "env" {
			inv.Args = append(inv.Args, a)
			continue
		}
		name, value, has := split(a)
		f := Flag{Name: name, Value: value, Arg: i, ValueArg: i, ValueOffset: len(a) - len(value)}
		if !has && valueFlags[name] && i+1 < len(args) {
			i++
			f.Value, f.ValueArg, f.ValueOffset = args[i], i, 0
		}
		inv.Flags = append(inv.Flags, f)
	}
	return inv
}

func split(a string) (name, value string, has bool) {
	a = strings.TrimLeft(a, "-")
	name, value, has = strings.Cut(a, "=")
	return name, value, has
}

// SplitQuoted splits a flag list such as an -ldflags or GOFLAGS value the way
// the go command does: on spaces, with single or double quotes grouping.
func SplitQuoted(s string) []string {
	var out []string
	var b strings.Builder
	var quote byte
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
				continue
			}
			b.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		default:
			b.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, b.String())
	}
	return out
}
