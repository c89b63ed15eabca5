package document

import (
	"maps"
	"path"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/golint-docker/golint-docker/pkg/gocmd"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/shellscript"
)

func (st *stageState) run(c *instructions.RunCommand, n *parser.Node, in *Instruction) *Run {
	r := &Run{
		Mounts:   []Mount{},
		Network:  string(instructions.GetNetwork(c)),
		Security: instructions.GetSecurity(c),
		Shell:    st.shell,
		Heredocs: []Heredoc{},
		Commands: []Command{},
		Go:       []GoCommand{},
	}
	// Mount options are only parsed once the command is expanded; expanding
	// with the stage's variables also resolves --mount=target=$GOCACHE.
	if err := c.Expand(func(word string) (string, error) { return st.expand(word), nil }); err != nil {
		r.ShellError = "--mount: " + err.Error()
	}
	for _, m := range instructions.GetMounts(c) {
		mt := Mount{
			Type:     string(m.Type),
			Target:   m.Target,
			Source:   m.Source,
			From:     m.From,
			ID:       m.CacheID,
			Sharing:  string(m.CacheSharing),
			ReadOnly: m.ReadOnly,
			Required: m.Required,
		}
		if m.From != "" {
			if i, ok := st.b.copySource(m.From); ok {
				mt.FromStage = &i
				st.depend(i)
			}
		}
		r.Mounts = append(r.Mounts, mt)
	}
	if !c.PrependShell {
		// Exec form: argv is known, there is no shell to parse.
		if len(c.CmdLine) > 0 {
			cmd := Command{Name: path.Base(c.CmdLine[0]), Argv: c.CmdLine, Env: map[string]string{}, Vars: []string{},
				Span: Span{Line: in.Line, EndLine: in.EndLine}}
			r.Commands = append(r.Commands, cmd)
			st.goCommands(r, []shellscript.Command{{Args: words(c.CmdLine)}}, nil, in)
		}
		return r
	}
	if !isPosixShell(st.shell) {
		// SHELL ["powershell", ...]: not a shell we can read.
		return r
	}
	logical, logicalEnd := st.b.f.Logical(n.StartLine)
	script := logical.Slice(argsOffset(logical.Value, n))

	var scripts []*parse.Text
	if len(n.Heredocs) > 0 {
		first := n.Heredocs[0]
		bodyFrom := logicalEnd + 1
		for i, h := range n.Heredocs {
			end := heredocEnd(st.b.f, bodyFrom, h)
			r.Heredocs = append(r.Heredocs, Heredoc{Name: h.Name, Content: h.Content, Expand: h.Expand, Line: bodyFrom, EndLine: end})
			if i == 0 && parser.MustParseHeredoc(strings.TrimSpace(script.Value)) != nil {
				// RUN <<EOF: the body is the script, unless a shebang names
				// another interpreter.
				if isShellBody(first.Content) {
					scripts = append(scripts, st.b.f.Raw(bodyFrom, end-1))
				}
				break
			}
			bodyFrom = end + 1
		}
		if len(scripts) == 0 && parser.MustParseHeredoc(strings.TrimSpace(script.Value)) == nil {
			// cmd <<EOF ... : the shell handles the here-documents itself.
			scripts = append(scripts, parse.Concat("\n", script, st.b.f.Raw(logicalEnd+1, n.EndLine)))
		}
	} else {
		scripts = append(scripts, script)
	}
	var all []shellscript.Command
	var texts []*parse.Text
	for _, txt := range scripts {
		parsed, err := shellscript.Parse(txt.Value)
		if err != nil {
			if r.ShellError == "" {
				r.ShellError = err.Error()
			}
			continue
		}
		r.Script += txt.Value
		for _, cmd := range parsed.Commands {
			all = append(all, cmd)
			texts = append(texts, txt)
		}
		// `sh <<EOF` or `bash -e <<EOF`: the here-document is a script too.
		for _, cmd := range parsed.Commands {
			if readsStdinScript(cmd) {
				for _, h := range r.Heredocs {
					if !isShellBody(h.Content) {
						continue
					}
					body := st.b.f.Raw(h.Line, h.EndLine-1)
					if p2, err := shellscript.Parse(body.Value); err == nil {
						for _, c2 := range p2.Commands {
							all = append(all, c2)
							texts = append(texts, body)
						}
					}
				}
				break
			}
		}
	}
	for i, cmd := range all {
		r.Commands = append(r.Commands, toCommand(cmd, texts[i]))
	}
	st.goCommands(r, all, texts, in)
	return r
}

// argsOffset finds where the instruction's arguments start in its logical line.
func argsOffset(logical string, n *parser.Node) int {
	if n.Next == nil {
		return len(logical)
	}
	args := n.Next.Value
	end := len(strings.TrimRightFunc(logical, unicode.IsSpace))
	if off := end - len(args); off >= 0 && logical[off:end] == args {
		return off
	}
	if off := strings.LastIndex(logical, args); off >= 0 {
		return off
	}
	return len(logical)
}

// heredocEnd finds the line of the terminator of the heredoc whose body starts at from.
func heredocEnd(f *parse.File, from int, h parser.Heredoc) int {
	for line := from; line <= len(f.Lines); line++ {
		l := f.Lines[line-1]
		if h.Chomp {
			l = strings.TrimLeft(l, "\t")
		}
		if l == h.Name {
			return line
		}
	}
	return len(f.Lines)
}

func isShellBody(body string) bool {
	if !strings.HasPrefix(body, "#!") {
		return true
	}
	first, _, _ := strings.Cut(body, "\n")
	return isPosixShell(strings.Fields(strings.TrimPrefix(first, "#!")))
}

var posixShells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true}

func isPosixShell(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	name := path.Base(argv[0])
	if name == "env" && len(argv) > 1 {
		name = path.Base(argv[1])
	}
	return posixShells[name]
}

// readsStdinScript reports a shell started with no script argument (it reads
// its here-document).
func readsStdinScript(c shellscript.Command) bool {
	if len(c.Args) == 0 || !posixShells[path.Base(c.Args[0].Value)] {
		return false
	}
	for _, a := range c.Args[1:] {
		if !strings.HasPrefix(a.Value, "-") || strings.Contains(a.Value, "c") && !strings.HasPrefix(a.Value, "--") {
			return false
		}
	}
	return true
}

func words(argv []string) []shellscript.Word {
	out := make([]shellscript.Word, len(argv))
	for i, a := range argv {
		out[i] = shellscript.Word{Value: a, Literal: true}
	}
	return out
}

func span(txt *parse.Text, start, end int, exact bool) Span {
	if txt == nil {
		return Span{}
	}
	a, b := txt.Pos(start), txt.Pos(end)
	return Span{Line: a.Line, Column: a.Column, EndLine: b.Line, EndColumn: b.Column, Exact: exact}
}

func toCommand(c shellscript.Command, txt *parse.Text) Command {
	out := Command{Argv: c.Argv(), Env: map[string]string{}, Vars: c.Vars, Span: span(txt, c.Start, c.End, c.Exact)}
	if out.Vars == nil {
		out.Vars = []string{}
	}
	if len(c.Args) > 0 {
		out.Name = path.Base(c.Args[0].Value)
	}
	for _, a := range c.Assigns {
		out.Env[a.Name] = a.Value.Value
	}
	return out
}

// goCommands finds the go commands in a RUN and works out what each sees:
// inline assignments, variables exported earlier in the script, ENV/ARG, and
// `go env -w` values written earlier in the stage, in that order.
func (st *stageState) goCommands(r *Run, cmds []shellscript.Command, texts []*parse.Text, in *Instruction) {
	exported := map[string]string{}
	for i, c := range cmds {
		var txt *parse.Text
		if texts != nil {
			txt = texts[i]
		}
		if len(c.Args) > 0 && c.Args[0].Value == "export" {
			for _, a := range c.Assigns {
				exported[a.Name] = a.Value.Value
			}
			continue
		}
		if len(c.Args) == 0 || path.Base(c.Args[0].Value) != "go" {
			continue
		}
		argv := c.Argv()
		inv := gocmd.Parse(argv[1:])
		env := map[string]string{}
		for k, v := range st.goenv {
			env[k] = v
		}
		for k, v := range st.vars.goEnv() {
			env[k] = v
		}
		for k, v := range exported {
			if isGoVar(k) {
				env[k] = v
			}
		}
		for _, a := range c.Assigns {
			if isGoVar(a.Name) {
				env[a.Name] = a.Value.Value
			}
		}
		if inv.Subcommand == "env" && inv.Bool("w") {
			for _, kv := range inv.Args {
				if k, v, ok := strings.Cut(kv, "="); ok {
					st.goenv = maps.Clone(st.goenv)
					st.goenv[k] = v
				}
			}
		}
		g := GoCommand{
			Subcommand: inv.Subcommand,
			Argv:       argv,
			Env:        env,
			Tags:       []string{},
			Packages:   inv.Args,
			Flags:      []Flag{},
			Span:       span(txt, c.Start, c.End, c.Exact && txt != nil),
		}
		if txt == nil {
			g.Span = Span{Line: in.Line, EndLine: in.EndLine}
		} else if inv.FirstArg > 0 && inv.FirstArg < len(c.Args) {
			end := c.Args[inv.FirstArg].End
			g.FlagsPos = span(txt, end, end, g.Exact)
		}
		if g.Packages == nil {
			g.Packages = []string{}
		}
		for _, f := range inv.Flags {
			g.Flags = append(g.Flags, Flag{Name: f.Name, Value: f.Value})
		}
		if v, ok := env["CGO_ENABLED"]; ok {
			g.CGOEnabled = &v
		}
		if v, ok := env["GOOS"]; ok {
			g.GOOS = &v
		}
		if v, ok := env["GOARCH"]; ok {
			g.GOARCH = &v
		}
		goflags := gocmd.Parse(append([]string{"build"}, gocmd.SplitQuoted(env["GOFLAGS"])...))
		g.Trimpath = inv.Bool("trimpath") || (!has(inv, "trimpath") && goflags.Bool("trimpath"))
		if f, ok := inv.Last("tags"); ok {
			g.Tags = splitTags(f.Value)
		} else if f, ok := goflags.Last("tags"); ok {
			g.Tags = splitTags(f.Value)
		}
		if f, ok := inv.Last("o"); ok {
			g.Output = &f.Value
		}
		if f, ok := inv.Last("ldflags"); ok {
			w := c.Args[1+f.ValueArg]
			ld := &Ldflags{Value: f.Value, Flags: gocmd.SplitQuoted(f.Value), Quote: quote(w.Quote)}
			if ld.Flags == nil {
				ld.Flags = []string{}
			}
			exact := c.Exact && txt != nil
			valueStart := w.ValueStart
			if f.ValueArg == f.Arg && w.Quote == 0 {
				// -ldflags=... in one word: the value starts after the '='
				// (possibly at an opening quote in the middle of the word).
				valueStart, ld.Quote, exact = valueStartInWord(txt, w, f.ValueOffset, exact)
			}
			ld.ValuePos = span(txt, valueStart, valueStart, exact)
			ld.FlagPos = span(txt, c.Args[1+f.Arg].Start, w.End, exact)
			g.Ldflags = ld
		} else if f, ok := goflags.Last("ldflags"); ok {
			g.Ldflags = &Ldflags{Value: f.Value, Flags: gocmd.SplitQuoted(f.Value), FromGOFLAGS: true}
			if g.Ldflags.Flags == nil {
				g.Ldflags.Flags = []string{}
			}
		}
		r.Go = append(r.Go, g)
	}
}

func has(inv gocmd.Invocation, name string) bool {
	_, ok := inv.Last(name)
	return ok
}

// valueStartInWord finds where the value of -ldflags=VALUE starts in the
// source of word w and whether it is quoted there (-ldflags="-s -w").
func valueStartInWord(txt *parse.Text, w shellscript.Word, valueOffset int, exact bool) (int, string, bool) {
	if txt == nil || w.End > len(txt.Value) {
		return w.Start, "", false
	}
	src := txt.Value[w.Start:w.End]
	eq := strings.IndexByte(src, '=')
	if eq < 0 {
		return w.Start, "", false
	}
	rest := src[eq+1:]
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		// Exact only when the quoted part runs to the end of the word.
		ok := exact && rest[len(rest)-1] == rest[0] && len(rest) >= 2
		return w.Start + eq + 2, string(rest[0]), ok
	}
	return w.Start + eq + 1, "", exact && !strings.ContainsAny(rest, `"'\`)
}

func quote(q byte) string {
	if q == 0 {
		return ""
	}
	return string(q)
}

func splitTags(v string) []string {
	out := []string{}
	for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, t)
	}
	return out
}

func isGoVar(k string) bool {
	return strings.HasPrefix(k, "GO") || strings.HasPrefix(k, "CGO_")
}
