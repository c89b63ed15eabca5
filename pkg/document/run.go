package document

import (
	"maps"
	"path"
	"slices"
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

		Pipelines:       []Pipeline{},
		PackageCommands: []PackageCommand{},
		User:            st.user,
		ContextGoMod:    st.contextGoMod,
	}
	// Mount options are only parsed once the command is expanded; expanding
	// with the stage's variables also resolves --mount=target=$GOCACHE.
	if err := c.Expand(func(word string) (string, error) { return st.expand(word), nil }); err != nil {
		r.ShellError = "--mount: " + err.Error()
	}
	for k, m := range instructions.GetMounts(c) {
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
			if spans := st.flagValues(n, "--mount=", "from=", m.From); len(spans) == len(instructions.GetMounts(c)) {
				mt.FromPos = spans[k]
			}
			if i, ok := st.b.copySource(m.From); ok {
				mt.FromStage = &i
				st.depend(i)
			} else if !strings.Contains(m.From, "$") {
				mt.FromImage, _ = st.b.sourceImage(m.From)
			}
		}
		if mt.Type == string(instructions.MountTypeBind) && mt.From == "" {
			// The build context itself, go.mod and all.
			r.ContextGoMod = true
		}
		r.Mounts = append(r.Mounts, mt)
	}
	if !c.PrependShell {
		// Exec form: argv is known, there is no shell to parse.
		if len(c.CmdLine) > 0 {
			cmd := Command{Name: path.Base(c.CmdLine[0]), Argv: c.CmdLine, Expanded: c.CmdLine, Env: map[string]string{}, Vars: []string{},
				Top: true, Span: Span{Line: in.Line, EndLine: in.EndLine}}
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
	pipefail := shellPipefail(st.shell)
	addPipes := func(parsed *shellscript.Script, txt *parse.Text, first int) {
		for _, p := range parsed.Pipelines {
			pl := Pipeline{Commands: []int{}, Pipefail: p.Pipefail || pipefail, Substituted: p.Substituted, Span: span(txt, p.Start, p.End, p.Exact)}
			for _, k := range p.Stages {
				if k >= 0 {
					k += first
				}
				pl.Commands = append(pl.Commands, k)
			}
			r.Pipelines = append(r.Pipelines, pl)
		}
	}
	for _, txt := range scripts {
		parsed, err := shellscript.Parse(txt.Value)
		if err != nil {
			if r.ShellError == "" {
				r.ShellError = err.Error()
			}
			continue
		}
		r.Script += txt.Value
		addPipes(parsed, txt, len(all))
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
						addPipes(p2, body, len(all))
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
	sh := newShellVars(st.vars)
	for i, cmd := range all {
		c := toCommand(cmd, texts[i])
		if len(cmd.Args) == 0 || cmd.Args[0].Value == "export" {
			sh.assign(cmd.Assigns, len(cmd.Args) > 0)
		}
		if argv, ok := cmd.ExpandArgs(sh.lookup(cmd.Assigns)); ok {
			c.Expanded = argv
		}
		r.Commands = append(r.Commands, c)
	}
	st.addPackages(r.Commands, in.Line)
	st.namedPaths(r.Commands)
	r.PackageCommands = st.packageCommands(r.Commands, r.Pipelines, r.Mounts)
	st.aptConfigured(r.Script)
	st.goCommands(r, all, texts, in)
	return r
}

// shellPipefail: the SHELL runs scripts with -o pipefail (["/bin/bash",
// "-o", "pipefail", "-c"], ["/bin/ash", "-eo", "pipefail", "-c"]).
func shellPipefail(shell []string) bool {
	for i := 1; i+1 < len(shell); i++ {
		a := shell[i]
		if len(a) >= 2 && a[0] == '-' && a[1] != '-' && strings.Contains(a, "o") && shell[i+1] == "pipefail" {
			return true
		}
	}
	return false
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
	out := Command{Argv: c.Argv(), Env: map[string]string{}, Vars: c.Vars, Top: c.Top, Span: span(txt, c.Start, c.End, c.Exact)}
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
// `go env -w` values written earlier in the stage, in that order. Words are
// expanded as the shell would; what cannot be known is listed in Unknown.
func (st *stageState) goCommands(r *Run, cmds []shellscript.Command, texts []*parse.Text, in *Instruction) {
	sh := newShellVars(st.vars)
	roots := st.modRoots
	for _, m := range r.Mounts {
		wd := in.Workdir
		if wd == "" {
			wd = st.imageWorkdir
		}
		roots = append(slices.Clip(roots), absIn(m.Target, wd))
	}
	// changed: a command before may have made a go.mod (git clone, go mod
	// init, tar...) or changed directory; in later RUNs too, but for cd.
	changed := false
	for i, c := range cmds {
		var txt *parse.Text
		if texts != nil {
			txt = texts[i]
		}
		if len(c.Args) == 0 || c.Args[0].Value == "export" {
			// NAME=value (a shell variable) or export NAME=value.
			sh.assign(c.Assigns, len(c.Args) > 0)
			continue
		}
		dir := in.Workdir
		if dir == "" {
			dir = st.imageWorkdir
		}
		outside := !changed && !st.modUnknown && dir != "" && !underAny(dir, roots)
		name := path.Base(c.Args[0].Value)
		if moduleMakers[name] || len(c.Args) > 2 && c.Args[1].Value == "mod" && c.Args[2].Value == "init" {
			changed = true
			st.modUnknown = st.modUnknown || name != "cd" && name != "pushd"
		}
		xx := false
		switch name {
		case "go":
			xx = st.xxWrap
		case "xx-go":
			// tonistiigi/xx: `xx-go --wrap` puts xx-go in go's place for
			// the rest of the stage; any other xx-go command is a go
			// command for the target platform.
			if len(c.Args) > 1 && (c.Args[1].Value == "--wrap" || c.Args[1].Value == "--unwrap") {
				st.xxWrap = c.Args[1].Value == "--wrap"
				continue
			}
			xx = true
		default:
			continue
		}
		g := st.goCommand(c, txt, in, sh, xx)
		g.OutsideModule = outside
		r.Go = append(r.Go, g)
	}
}

// xxTarget: xx-go knows the target platform in this stage (it reads
// TARGETPLATFORM, which the stage must declare; without it xx-go builds for
// the machine it runs on).
func (st *stageState) xxTarget() bool {
	for _, k := range []string{"TARGETPLATFORM", "TARGETARCH"} {
		if _, declared := st.vars.lookup(k); declared {
			return true
		}
	}
	return false
}

func (st *stageState) goCommand(c shellscript.Command, txt *parse.Text, in *Instruction, sh *shellVars, xx bool) GoCommand {
	lookup := sh.lookup(c.Assigns)
	unknown := map[string]bool{}
	argv := c.Argv()
	inv := gocmd.Parse(argv[1:])
	// The values come from the expanded words; positions from the words as
	// written (the same words, unless an expansion split into several).
	vals, sameWords := inv, true
	if expanded, ok := c.ExpandArgs(lookup); ok {
		vals = gocmd.Parse(expanded[1:])
		sameWords = len(expanded) == len(argv)
	} else {
		markUnknownWords(c, inv, lookup, unknown)
	}

	env := map[string]string{}
	maps.Copy(env, st.goenv)
	for k, v := range st.vars.goEnv() {
		env[k] = v
		if strings.Contains(v, "$") {
			unknown[goVarFact(k)] = true
		}
	}
	for _, k := range st.vars.unsetGoArgs() {
		unknown[goVarFact(k)] = true
	}
	for k, v := range sh.exported {
		if isGoVar(k) {
			env[k] = v
		}
	}
	for k := range sh.unknownGo {
		unknown[goVarFact(k)] = true
	}
	for _, a := range c.Assigns {
		if !isGoVar(a.Name) {
			continue
		}
		v, ok := a.Value.Expand(lookup)
		env[a.Name] = v
		delete(unknown, goVarFact(a.Name))
		if !ok {
			unknown[goVarFact(a.Name)] = true
		}
	}
	if vals.Subcommand == "env" && vals.Bool("w") {
		for _, kv := range vals.Args {
			if k, v, ok := strings.Cut(kv, "="); ok {
				st.goenv = maps.Clone(st.goenv)
				st.goenv[k] = v
			}
		}
	}
	exact := c.Exact && txt != nil
	g := GoCommand{
		Subcommand: vals.Subcommand,
		Argv:       argv,
		Env:        env,
		Tags:       []string{},
		Packages:   vals.Args,
		Flags:      []Flag{},
		Span:       span(txt, c.Start, c.End, exact),
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
	for _, f := range vals.Flags {
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
	g.XX = xx
	if xx && st.xxTarget() {
		if g.GOOS == nil {
			v := "$TARGETOS"
			g.GOOS = &v
		}
		if g.GOARCH == nil {
			v := "$TARGETARCH"
			g.GOARCH = &v
		}
	}
	goflags := gocmd.Parse(append([]string{"build"}, gocmd.SplitQuoted(env["GOFLAGS"])...))
	if unknown["flags"] {
		// An unknown GOFLAGS may set any of these, unless the command line does.
		for _, k := range []string{"ldflags", "tags", "trimpath", "gcflags", "mod"} {
			if !has(vals, k) {
				unknown[k] = true
			}
		}
	}
	g.Trimpath = vals.Bool("trimpath") || (!has(vals, "trimpath") && goflags.Bool("trimpath"))
	if f, ok := vals.Last("tags"); ok {
		g.Tags = splitTags(f.Value)
	} else if f, ok := goflags.Last("tags"); ok {
		g.Tags = splitTags(f.Value)
	}
	if f, ok := vals.Last("o"); ok {
		g.Output = &f.Value
	}
	if f, ok := vals.Last("ldflags"); ok {
		ld := &Ldflags{Value: f.Value, Flags: gocmd.SplitQuoted(f.Value)}
		if ld.Flags == nil {
			ld.Flags = []string{}
		}
		if pf, ok := inv.Last("ldflags"); ok && sameWords && 1+pf.ValueArg < len(c.Args) {
			w := c.Args[1+pf.ValueArg]
			ld.Quote = quote(w.Quote)
			wexact := exact
			valueStart := w.ValueStart
			if pf.ValueArg == pf.Arg && w.Quote == 0 {
				// -ldflags=... in one word: the value starts after the '='
				// (possibly at an opening quote in the middle of the word).
				valueStart, ld.Quote, wexact = valueStartInWord(txt, w, pf.ValueOffset, wexact)
			}
			// A value with expansions can take an insertion at its start
			// (inside its quotes), never a rewrite.
			ld.ValuePos = span(txt, valueStart, valueStart, wexact && (w.Literal || ld.Quote != ""))
			ld.FlagPos = span(txt, c.Args[1+pf.Arg].Start, w.End, wexact && w.Literal)
		}
		g.Ldflags = ld
	} else if f, ok := goflags.Last("ldflags"); ok {
		g.Ldflags = &Ldflags{Value: f.Value, Flags: gocmd.SplitQuoted(f.Value), FromGOFLAGS: true}
		if g.Ldflags.Flags == nil {
			g.Ldflags.Flags = []string{}
		}
	}
	g.Unknown = sortedKeys(unknown)
	if g.Subcommand == "build" || g.Subcommand == "install" {
		g.Build = st.build(&g, vals, goflags, in, unknown)
	}
	return g
}

// markUnknownWords records which facts hang on a word whose value cannot be
// known: the value of a flag, a positional package, or a word that may be
// any flag at all (go build $FLAGS).
func markUnknownWords(c shellscript.Command, inv gocmd.Invocation, lookup shellscript.Lookup, unknown map[string]bool) {
	bad := map[int]bool{}
	for i, w := range c.Args[1:] {
		if _, ok := w.Expand(lookup); !ok {
			bad[i] = true
		}
	}
	if len(bad) == 0 {
		return
	}
	flagWords := map[int]bool{}
	for _, f := range inv.Flags {
		flagWords[f.Arg], flagWords[f.ValueArg] = true, true
		if bad[f.ValueArg] {
			unknown[flagFact(f.Name)] = true
		}
	}
	for i := range bad {
		if flagWords[i] {
			continue
		}
		if i >= inv.FirstArg && !strings.HasPrefix(c.Args[1+i].Value, "$") {
			unknown["packages"] = true
			continue
		}
		// A bare expansion may be flags as well as packages.
		for _, k := range []string{"ldflags", "tags", "trimpath", "output", "gcflags", "packages"} {
			unknown[k] = true
		}
	}
}

func flagFact(name string) string {
	if name == "o" {
		return "output"
	}
	return name
}

// goVarFact names the fact an unknown Go variable leaves unknown.
func goVarFact(k string) string {
	switch k {
	case "CGO_ENABLED":
		return "cgo_enabled"
	case "GOOS":
		return "goos"
	case "GOARCH":
		return "goarch"
	case "GOFLAGS":
		return "flags"
	}
	return strings.ToLower(k)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// shellVars are the variables a RUN script sets for the commands after
// them: exported ones (which go commands see) and plain shell variables
// (which only expansions see), known or not.
type shellVars struct {
	vars      *vars
	exported  map[string]string
	shell     map[string]string
	unknown   map[string]bool
	unknownGo map[string]bool
}

func newShellVars(v *vars) *shellVars {
	return &shellVars{vars: v, exported: map[string]string{}, shell: map[string]string{}, unknown: map[string]bool{}, unknownGo: map[string]bool{}}
}

func (sh *shellVars) assign(as []shellscript.Assign, export bool) {
	look := sh.lookup(nil)
	for _, a := range as {
		v, ok := a.Value.Expand(look)
		if !ok {
			sh.unknown[a.Name] = true
			delete(sh.shell, a.Name)
			if export && isGoVar(a.Name) {
				sh.unknownGo[a.Name] = true
			}
			continue
		}
		delete(sh.unknown, a.Name)
		sh.shell[a.Name] = v
		if export {
			sh.exported[a.Name] = v
			delete(sh.unknownGo, a.Name)
		}
	}
}

// lookup answers a variable for expansion: the command's own assignments,
// then the script's, then ENV and ARG. An ARG without a value and a
// variable nobody declared (the base image may set it) are not known.
func (sh *shellVars) lookup(inline []shellscript.Assign) shellscript.Lookup {
	var look shellscript.Lookup
	look = func(name string) (string, bool) {
		for i := len(inline) - 1; i >= 0; i-- {
			if inline[i].Name == name {
				return inline[i].Value.Expand(sh.lookup(nil))
			}
		}
		if sh.unknown[name] {
			return "", false
		}
		if v, ok := sh.shell[name]; ok {
			return v, true
		}
		if v, declared := sh.vars.lookup(name); declared && v != nil && !strings.Contains(*v, "$") {
			return *v, true
		}
		return "", false
	}
	return look
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
