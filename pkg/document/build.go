package document

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/imageref"
	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
	"github.com/golint-docker/golint-docker/pkg/parse"
)

// Options are the build settings that change what a Dockerfile means.
type Options struct {
	BuildArgs map[string]string
	// Target is the stage to build (docker build --target); "" means the last.
	Target string
	// Context is the build context, nil when unknown (Dockerfile on stdin).
	Context *Context
	// Facts says what base images and packages contain (the rules' data,
	// with the configuration's over it); nil knows nothing, and the image
	// facts of every stage are then null.
	Facts *imagefacts.Catalog
	// Goreleaser names the GoReleaser configuration that builds this
	// Dockerfile (buildctx finds it), "" when none does.
	Goreleaser string
}

// Error is a problem with the build settings for this file (such as a
// target that names no stage): the one file error of golint-docker.
type Error = finding.FileError

var defaultShell = []string{"/bin/sh", "-c"}

// builder holds the state of one pass over the instructions.
type builder struct {
	f      *parse.File
	opt    Options
	lex    *shell.Lex
	doc    *Document
	global *vars
	// names are the stage names by index, known before the pass so that
	// COPY --from can name a later stage, as BuildKit allows.
	names []string
	// per stage, the state at its end, for stages built on it
	ends []*stageEnd
}

// stageEnd is what a stage's instructions leave for the stages built on
// it: the state at its end.
type stageEnd struct {
	image imagefacts.Facts
	// compiler: a C compiler was installed in the chain so far.
	compiler bool
	// apt: what the apt configuration written so far says.
	apt aptConfig
	// user: the USER in effect (nil: the image's default).
	user *string
	// xxWrap: `xx-go --wrap` ran: go is xx-go from then on.
	xxWrap bool
	// dirs are the directories known, or likely, to exist so far (shared
	// with the parent stage until this one adds to them).
	dirs map[string]bool
	// modRoots are the directories a go.mod may have been copied under;
	// modUnknown: a command may have made one anywhere (git clone, go mod
	// init, tar...).
	modRoots   []string
	modUnknown bool
	// contextGoMod: a COPY or ADD without --from brought the build
	// context's go.mod in (see Run.ContextGoMod).
	contextGoMod bool
	// imageWorkdir is the WORKDIR the base image sets, when known.
	imageWorkdir string
	vars         *vars
	workdir      string
	shell        []string
	goenv        map[string]string
}

// Build turns a parsed file into the input document.
func Build(f *parse.File, opt Options) (*Document, error) {
	b := &builder{
		f:      f,
		opt:    opt,
		lex:    shell.NewLex(f.Escape),
		global: newVars(),
		doc: &Document{
			SchemaVersion: SchemaVersion,
			File:          f.Name,
			Directives:    f.Directives,
			Context:       opt.Context,
			BuildArgs:     opt.BuildArgs,
			Target:        opt.Target,
			Args:          []Arg{},
			Stages:        []Stage{},
		},
	}
	if b.doc.BuildArgs == nil {
		b.doc.BuildArgs = map[string]string{}
	}
	b.lex.SkipUnsetEnv = true
	// BuildKit declares the platform ARGs in the global scope; their values
	// are only known at build time.
	for _, k := range platformArgs {
		b.global.args[k] = nil
	}
	for _, in := range f.Instructions {
		if c, ok := in.Command.(*instructions.Stage); ok {
			b.names = append(b.names, c.Name)
		}
	}

	var st *stageState
	for _, in := range f.Instructions {
		switch c := in.Command.(type) {
		case *instructions.Stage:
			if st != nil {
				b.finish(st)
			}
			st = b.startStage(c, in.Node)
		case *instructions.ArgCommand:
			if st == nil {
				b.globalArgs(c, in.Node)
				continue
			}
			st.instruction(in)
		default:
			st.instruction(in)
		}
	}
	b.finish(st)
	if err := b.resolveFinal(); err != nil {
		return nil, err
	}
	b.facts()
	b.indexes()
	return b.doc, nil
}

func (b *builder) globalArgs(c *instructions.ArgCommand, n *parser.Node) {
	for _, kv := range c.Args {
		a := Arg{Name: kv.Key, Line: n.StartLine, EndLine: n.EndLine, Original: strings.TrimSpace(n.Original), Default: kv.Value}
		if v, ok := b.opt.BuildArgs[kv.Key]; ok {
			a.Value, a.Provided = &v, true
		} else if kv.Value != nil && len(b.unresolved(*kv.Value, b.global)) == 0 {
			// A default computed from a variable without a value
			// (ARG X=${TARGETPLATFORM#linux/}) is not known either.
			v := b.expand(*kv.Value, b.global)
			a.Value = &v
		}
		b.global.setArg(kv.Key, a.Value)
		b.doc.Args = append(b.doc.Args, a)
	}
}

// expand expands word like BuildKit, leaving unknown variables as written.
func (b *builder) expand(word string, env shell.EnvGetter) string {
	res, err := b.lex.ProcessWordWithMatches(word, env)
	if err != nil {
		return word
	}
	return res.Result
}

// unresolved lists the variables word refers to that env does not set.
func (b *builder) unresolved(word string, env shell.EnvGetter) []string {
	res, err := b.lex.ProcessWordWithMatches(word, env)
	if err != nil {
		return nil
	}
	out := slices.Collect(maps.Keys(res.Unmatched))
	slices.Sort(out)
	return out
}

// stageByName finds the stage called name among the first `before` stages
// (stage names are case-insensitive).
func (b *builder) stageByName(name string, before int) (int, bool) {
	lower := strings.ToLower(name)
	for i := 0; i < before && i < len(b.names); i++ {
		if b.names[i] != "" && b.names[i] == lower {
			return i, true
		}
	}
	return 0, false
}

// copySource resolves COPY --from as BuildKit does: a stage name anywhere in
// the file, or a stage number; anything else is an image.
func (b *builder) copySource(from string) (int, bool) {
	if n, err := strconv.Atoi(from); err == nil {
		return n, n >= 0 && n < len(b.names)
	}
	return b.stageByName(from, len(b.names))
}

// sourceImage splits from, the image a COPY --from or RUN --mount from=
// reads (from names no stage), and looks up what is known about it; nil
// for a stage number (one past the last stage: no image either).
func (b *builder) sourceImage(from string) (*imageref.Ref, imagefacts.Facts) {
	if _, err := strconv.Atoi(from); err == nil {
		return nil, nil
	}
	ref := imageref.Parse(from)
	return &ref, b.opt.Facts.Image(ref)
}

func (b *builder) startStage(c *instructions.Stage, n *parser.Node) *stageState {
	idx := len(b.doc.Stages)
	global := keepUndeclared{b.global}
	image := b.expand(c.BaseName, global)
	from := From{
		Original:         c.BaseName,
		Image:            image,
		Unresolved:       b.unresolved(c.BaseName, global),
		Platform:         c.Platform,
		PlatformResolved: b.expand(c.Platform, global),
	}
	if from.Unresolved == nil {
		from.Unresolved = []string{}
	}
	st := &stageState{b: b}
	if parent, ok := b.stageByName(image, idx); ok {
		from.Stage = &parent
		st.stageEnd = *b.ends[parent]
		st.vars = st.vars.inherit()
		st.goenv = maps.Clone(st.goenv)
	} else {
		from.Ref = imageref.Parse(image)
		from.TagVersion = tagVersion(from.Tag)
		if len(from.Unresolved) == 0 {
			st.image = b.opt.Facts.Image(from.Ref)
		}
		st.vars = newVars()
		st.shell = defaultShell
		st.goenv = map[string]string{}
		if from.Scratch {
			st.workdir = "/"
			st.dirs = map[string]bool{}
		} else {
			st.dirs = standardDirs
		}
		if wd := st.image.String("workdir"); path.IsAbs(wd) {
			// The image's own WORKDIR (/go in the golang images): where go
			// commands look for a go.mod. (Binaries' paths do not rest on
			// it: a go build there without -o is mostly a compile check.)
			st.imageWorkdir = path.Clean(wd)
			st.addDir(st.imageWorkdir)
		}
	}
	b.doc.Stages = append(b.doc.Stages, Stage{
		Index:        idx,
		Name:         c.Name,
		Line:         n.StartLine,
		EndLine:      n.EndLine,
		Original:     strings.TrimSpace(n.Original),
		FromEndLine:  n.EndLine,
		From:         from,
		Root:         idx,
		DependsOn:    []int{},
		Instructions: []Instruction{},
		RoleEvidence: []string{},
		Serves:       []string{},
		Packages:     []Package{},
		Binaries:     []Binary{},
		Prebuilt:     []Prebuilt{},
		GoVersion:    b.goVersion(from, st.image),
		GoSettings:   []GoSetting{},
	})
	st.idx = idx
	if from.Stage != nil {
		st.depend(*from.Stage)
	}
	for _, i := range b.maybeStages(from, idx) {
		st.depend(i)
	}
	return st
}

// varRefRe matches a variable in a FROM: ${VAR}, ${VAR:-x}, $VAR.
var varRefRe = lazyre.New(`\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*`)

// maybeStages are the earlier stages a FROM whose name depends on a
// variable without a value may name (`FROM rootlesskit-${TARGETOS}` names
// rootlesskit-linux or rootlesskit-windows; `FROM delve-${DELVE_SUPPORTED}`,
// whose ARG is computed from TARGETPLATFORM, is no valid image name): the
// stage may read from any of them.
func (b *builder) maybeStages(from From, before int) []int {
	if from.Stage != nil || (len(from.Unresolved) == 0 && from.Error == "") {
		// Named nothing with a value that cannot be known, or named an image.
		return nil
	}
	parts := varRefRe().Split(from.Original, -1)
	if literal := strings.Join(parts, ""); len(parts) < 2 || literal == "" || strings.ContainsAny(literal, "/:@") {
		return nil
	}
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(strings.ToLower(p))
	}
	re, err := regexp.Compile("^" + strings.Join(parts, ".*") + "$")
	if err != nil {
		return nil
	}
	var out []int
	for i := 0; i < before && i < len(b.names); i++ {
		if b.names[i] != "" && re.MatchString(b.names[i]) {
			out = append(out, i)
		}
	}
	return out
}

// finish records the stage's end state and what it inherits.
func (b *builder) finish(st *stageState) {
	s := &b.doc.Stages[st.idx]
	if n := len(s.Instructions); n > 0 {
		s.EndLine = s.Instructions[n-1].EndLine
	}
	s.Workdir = st.workdir
	s.Shell = st.shell
	s.GoEnv = st.goenv
	if p := s.From.Stage; p != nil {
		parent := &b.doc.Stages[*p]
		s.Root = parent.Root
		s.User, s.Healthcheck, s.Entrypoint, s.Cmd = parent.User, parent.Healthcheck, parent.Entrypoint, parent.Cmd
	}
	for i, in := range s.Instructions {
		ref := &Ref{Stage: st.idx, Instruction: i, Line: in.Line}
		switch in.Cmd {
		case "user":
			s.User = ref
		case "healthcheck":
			s.Healthcheck = ref
		case "entrypoint":
			// A new ENTRYPOINT resets the CMD it inherits, as in Docker.
			s.Entrypoint = ref
			if s.Cmd != nil && s.Cmd.Stage != st.idx {
				s.Cmd = nil
			}
		case "cmd":
			s.Cmd = ref
		}
	}
	s.Image = st.image
	end := st.stageEnd
	b.ends = append(b.ends, &end)
}

func (b *builder) resolveFinal() error {
	stages := b.doc.Stages
	final := len(stages) - 1
	if b.opt.Target != "" {
		final = -1
		for i, s := range stages {
			if s.Name == strings.ToLower(b.opt.Target) {
				final = i
			}
		}
		if final < 0 {
			var names []string
			for _, s := range stages {
				if s.Name != "" {
					names = append(names, s.Name)
				}
			}
			return &Error{File: b.f.Name, Msg: fmt.Sprintf("target %q names no stage (stages: %s)", b.opt.Target, strings.Join(names, ", "))}
		}
	}
	b.doc.FinalStage = final
	stages[final].Final = true
	// Everything the final stage reads from, transitively.
	todo := []int{final}
	for len(todo) > 0 {
		i := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if stages[i].UsedByFinal {
			continue
		}
		stages[i].UsedByFinal = true
		todo = append(todo, stages[i].DependsOn...)
	}
	return nil
}

// stageState is the running state inside one stage.
type stageState struct {
	b   *builder
	idx int
	stageEnd
}

func (st *stageState) stage() *Stage { return &st.b.doc.Stages[st.idx] }

func (st *stageState) depend(i int) {
	s := st.stage()
	if !slices.Contains(s.DependsOn, i) {
		s.DependsOn = append(s.DependsOn, i)
		slices.Sort(s.DependsOn)
	}
}

func (st *stageState) expand(word string) string { return st.b.expand(word, st.vars) }

func (st *stageState) instruction(in parse.Instruction) {
	n := in.Node
	s := st.stage()
	out := Instruction{
		Index:    len(s.Instructions),
		Cmd:      strings.ToLower(n.Value),
		Line:     n.StartLine,
		EndLine:  n.EndLine,
		Original: strings.TrimSpace(n.Original),
		Flags:    n.Flags,
		Args:     nodeArgs(n),
		Env:      st.vars.view(),
		Workdir:  st.workdir,
	}
	out.EnvComplete = out.Env != nil
	if out.Env == nil {
		out.Env = st.vars.relevant(n.Original)
	}
	if out.Flags == nil {
		out.Flags = []string{}
	}
	out.Form, out.JSONInvalid = form(n)
	switch c := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			v := st.expand(kv.Value)
			raw := kv.Value
			out.Pairs = append(out.Pairs, Pair{Key: kv.Key, Value: &v, Raw: &raw})
			st.vars.setEnv(kv.Key, v)
		}
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			p := Pair{Key: kv.Key, Raw: kv.Value}
			if v, ok := st.b.opt.BuildArgs[kv.Key]; ok {
				p.Value = &v
			} else if kv.Value != nil {
				v := st.expand(*kv.Value)
				p.Value = &v
			} else if g, ok := st.b.global.args[kv.Key]; ok {
				// ARG NAME inside a stage picks up the global ARG's value.
				p.Value = g
			} else if inherited := st.vars.args[kv.Key]; inherited != nil {
				// Redeclared without a value: the parent stage's value stays
				// in the build state.
				p.Value = inherited
			}
			out.Pairs = append(out.Pairs, p)
			st.vars.setArg(kv.Key, p.Value)
		}
	case *instructions.LabelCommand:
		for _, kv := range c.Labels {
			v := st.expand(kv.Value)
			raw := kv.Value
			out.Pairs = append(out.Pairs, Pair{Key: kv.Key, Value: &v, Raw: &raw})
		}
	case *instructions.WorkdirCommand:
		p := st.expand(c.Path)
		if !path.IsAbs(p) {
			if st.workdir == "" {
				p = ""
			} else {
				p = path.Join(st.workdir, p)
			}
		} else {
			p = path.Clean(p)
		}
		out.Path = p
		st.workdir = p
		st.addDir(p)
	case *instructions.ShellCommand:
		st.shell = c.Shell
	case *instructions.UserCommand:
		u := st.expand(c.User)
		out.User = user(u)
		st.user = &u
	case *instructions.ExposeCommand:
		out.Expose = []Port{}
		for _, p := range c.Ports {
			for _, word := range strings.Fields(st.expand(p)) {
				port, proto, _ := strings.Cut(word, "/")
				if proto == "" {
					proto = "tcp"
				}
				out.Expose = append(out.Expose, Port{Port: port, Protocol: strings.ToLower(proto)})
			}
		}
	case *instructions.HealthCheckCommand:
		out.Healthcheck = healthcheck(c, out.Form)
	case *instructions.CopyCommand:
		out.Copy = st.copy(c.SourcesAndDest, c.From, c.Chown, c.Chmod, c.Link, c.Parents, c.ExcludePatterns, n)
	case *instructions.AddCommand:
		out.Copy = st.copy(c.SourcesAndDest, "", c.Chown, c.Chmod, c.Link, false, c.ExcludePatterns, n)
		out.Copy.Checksum = st.expand(c.Checksum)
		out.Copy.Unpack = c.Unpack
	case *instructions.RunCommand:
		out.Run = st.run(c, n, &out)
	}
	s.Instructions = append(s.Instructions, out)
	s.GoSettings = append(s.GoSettings, goSettings(&out)...)
}

func nodeArgs(n *parser.Node) []string {
	out := []string{}
	for c := n.Next; c != nil; c = c.Next {
		out = append(out, c.Value)
	}
	return out
}

// form reports exec or shell form for the instructions that have both, and
// whether a shell-form argument looks like a broken JSON array.
func form(n *parser.Node) (string, bool) {
	switch strings.ToLower(n.Value) {
	case "run", "cmd", "entrypoint", "shell", "healthcheck", "copy", "add", "volume":
	default:
		return "", false
	}
	if n.Attributes["json"] {
		return "exec", false
	}
	next := n.Next
	if strings.EqualFold(n.Value, "healthcheck") {
		if next == nil || !strings.EqualFold(next.Value, "CMD") {
			return "", false
		}
		next = next.Next
	}
	if next == nil {
		return "shell", false
	}
	return "shell", looksLikeArray(next.Value)
}

// looksLikeArray tells a broken JSON array (`[ "wget", "-q" ] || exit 1`,
// `['a', 'b']`, `[a, b]`) from a shell test (`[ -f go.sum ] && ...`): the
// first element is a quoted string followed by a comma or the closing
// bracket, or an unquoted word followed by a comma.
func looksLikeArray(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if !strings.HasPrefix(s, "[") {
		return false
	}
	s = strings.TrimLeftFunc(s[1:], unicode.IsSpace)
	if s == "" {
		return false
	}
	if q := s[0]; q == '"' || q == '\'' {
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return true // an unterminated string: broken either way
		}
		rest := strings.TrimLeftFunc(s[end+2:], unicode.IsSpace)
		return rest == "" || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "]")
	}
	word := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ']' })
	if word <= 0 {
		return false
	}
	return strings.HasPrefix(strings.TrimLeftFunc(s[word:], unicode.IsSpace), ",")
}

func user(spec string) *User {
	name, group, _ := strings.Cut(spec, ":")
	u := &User{Name: name, Group: group}
	if n, err := strconv.Atoi(name); err == nil {
		u.UID = &n
	}
	if n, err := strconv.Atoi(group); err == nil {
		u.GID = &n
	}
	u.Root = name == "root" || (u.UID != nil && *u.UID == 0)
	return u
}

func healthcheck(c *instructions.HealthCheckCommand, form string) *Healthcheck {
	h := &Healthcheck{Test: []string{}}
	if c.Health == nil || len(c.Health.Test) == 0 {
		return h
	}
	if c.Health.Test[0] == "NONE" {
		h.None = true
		return h
	}
	h.Form = form
	h.Test = c.Health.Test[1:]
	dur := func(d interface{ String() string }, zero bool) string {
		if zero {
			return ""
		}
		return d.String()
	}
	h.Interval = dur(c.Health.Interval, c.Health.Interval == 0)
	h.Timeout = dur(c.Health.Timeout, c.Health.Timeout == 0)
	h.StartPeriod = dur(c.Health.StartPeriod, c.Health.StartPeriod == 0)
	h.StartInterval = dur(c.Health.StartInterval, c.Health.StartInterval == 0)
	h.Retries = c.Health.Retries
	return h
}

func (st *stageState) copy(sd instructions.SourcesAndDest, from, chown, chmod string, link, parents bool, exclude []string, n *parser.Node) *Copy {
	c := &Copy{
		Sources:  []string{},
		Dest:     st.expand(sd.DestPath),
		Chown:    st.expand(chown),
		Chmod:    st.expand(chmod),
		Link:     link,
		Parents:  parents,
		Exclude:  exclude,
		Heredocs: []Heredoc{},
	}
	if c.Exclude == nil {
		c.Exclude = []string{}
	}
	for _, src := range sd.SourcePaths {
		c.Sources = append(c.Sources, st.expand(src))
		c.SourceKinds = append(c.SourceKinds, sourceKind(st.expand(src), from != ""))
	}
	if c.SourceKinds == nil {
		c.SourceKinds = []string{}
	}
	if from == "" && slices.ContainsFunc(c.Sources, copiesContextGoMod) {
		st.contextGoMod = true
	}
	for _, h := range n.Heredocs {
		c.Heredocs = append(c.Heredocs, Heredoc{Name: h.Name, Content: h.Content, Expand: h.Expand})
	}
	defer st.copiedAptConfig(c)
	nsrc := len(c.Sources) + len(c.Heredocs)
	c.DestDir = strings.HasSuffix(c.Dest, "/") || nsrc > 1 || c.Dest == "." || c.Dest == ".."
	switch {
	case path.IsAbs(c.Dest):
		c.DestPath = path.Clean(c.Dest)
	case st.workdir != "":
		c.DestPath = path.Join(st.workdir, c.Dest)
	}
	c.DestExists = c.DestPath != "" && st.dirs[c.DestPath]
	st.copiedModuleRoot(c)
	switch {
	case c.DestPath == "":
	case c.DestDir:
		st.addDir(c.DestPath)
	default:
		st.addDir(path.Dir(c.DestPath))
	}
	if from != "" {
		// BuildKit does not expand variables in --from.
		c.From = from
		if spans := st.flagValues(n, "--from=", "", from); len(spans) == 1 {
			c.FromPos = spans[0]
		}
		if i, ok := st.b.copySource(from); ok {
			c.FromStage = &i
			st.depend(i)
		} else {
			c.FromImage, c.FromImageFacts = st.b.sourceImage(from)
		}
	}
	return c
}
