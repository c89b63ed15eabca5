// Package lint runs the pipeline for one Dockerfile — read, parse, build the
// input document, evaluate the rules, attach fixes — and for many files in
// parallel, streaming results in a stable order.
//
// It is public API: the linter for a Go program that brings its own
// Evaluator or drives files itself (pkg/app runs it as the command does).
// It does not import OPA; the rules are behind the Evaluator seam.
package lint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
	"github.com/golint-docker/golint-docker/pkg/buildctx"
	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/pragma"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Options are the per-run settings.
type Options struct {
	BuildArgs map[string]string
	Target    string
	// ContextDir is the build context; "" finds it (see pkg/buildctx).
	ContextDir  string
	MaxFileSize int64
	// Ignore turns rules off (ids or names); Severity overrides a rule's
	// severity (keyed by id or name). Both match ignoring case.
	Ignore   []string
	Severity map[string]finding.Severity
	// Off are the rules (ids) that are off by default and were not turned
	// on: they did not run, so a pragma naming one is not stale.
	Off []string
	// StdinFilename names the Dockerfile read from standard input, in
	// results and to find its build context; "" means StdinName and no
	// context.
	StdinFilename string
	// BuildKitChecks also runs BuildKit's own checks (docker build --check),
	// within BuildKitTimeout (a Limit of 0: none), on files of at most
	// bkcheck.MaxInstructions instructions.
	BuildKitChecks  bool
	BuildKitTimeout limits.Budget[time.Duration]
	// Facts are the image and package facts the document is built with
	// (the rules' data and the configuration's); nil knows no image.
	Facts *imagefacts.Catalog
	// FactsFunc, when Facts is nil, makes them when the first document
	// is built (a run whose results all come from the cache never needs
	// them); its error is the file's. It must be safe for concurrent use.
	FactsFunc func() (*imagefacts.Catalog, error)
	// Rules are the rules the evaluator may report (BuildKit's checks and
	// pragma.Rule are known anyway): a pragma naming none of them is
	// reported. Nil when they are not known here (an OPA server's bundle).
	Rules []finding.Rule
	// ReadTimeout bounds reading one Dockerfile (standard input that is
	// never closed); 0 means safeio.Timeout.
	ReadTimeout time.Duration
}

// Evaluator runs rules on an input document: the in-process engine, or a
// remote OPA server.
type Evaluator interface {
	// Evaluate evaluates the input document of a Dockerfile of size bytes
	// (budgets may grow with it).
	Evaluate(ctx context.Context, doc *document.Document, size int) ([]finding.Finding, error)
}

// Warmer is an Evaluator that can get ready before its first Evaluate
// (compile its rules in the background): Warm starts that, once, when a
// file is known to need evaluating (not a cache hit); Ready says whether
// Evaluate would return without waiting for it.
type Warmer interface {
	Warm()
	Ready() bool
}

// warm tells the evaluator a file needs it.
func (l *Linter) warm() {
	if w, ok := l.eval.(Warmer); ok {
		w.Warm()
	}
}

// ready reports whether the evaluator is ready (see Warmer).
func (l *Linter) ready() bool {
	w, ok := l.eval.(Warmer)
	return !ok || w.Ready()
}

// Linter lints files with one set of compiled rules.
type Linter struct {
	eval Evaluator
	opt  Options
	ctx  *buildctx.Finder
	// aliases maps the rules' aliases (hadolint's dl3062), lower-cased, to
	// their ids: ignores, severities and pragmas may name rules by them.
	aliases map[string]string
	// With a result cache (WithCache): the results and the digest of
	// what, beside the file, decides them.
	results *Results
	salt    cache.Key
}

// New returns a Linter.
func New(eval Evaluator, opt Options) *Linter {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = limits.DefaultMaxFileSize
	}
	return &Linter{eval: eval, opt: opt, ctx: buildctx.NewFinder(), aliases: finding.AliasIndex(opt.Rules)}
}

// Stdin is the path that stands for standard input.
const Stdin = "-"

// StdinName is how results name standard input without a StdinFilename.
const StdinName = "<stdin>"

// File lints a Dockerfile discovered at f ("-" reads stdin instead, named
// StdinFilename, else StdinName), reading it only within f.Root when that
// is set.
func (l *Linter) File(ctx context.Context, f discover.File, stdin io.Reader) finding.Result {
	path := f.Path
	data, err := l.Read(ctx, f, stdin)
	if err != nil {
		return finding.Result{File: l.display(path), Err: finding.AsFileError(l.display(path), err)}
	}
	return l.Data(ctx, path, data)
}

// Data lints data, read from path as Read reads it: File without the
// reading, for a caller that lints a file again after changing it (--fix).
func (l *Linter) Data(ctx context.Context, path string, data []byte) finding.Result {
	if path == Stdin && l.opt.StdinFilename != "" {
		// The file stands for StdinFilename: its build context too.
		return l.Bytes(ctx, l.opt.StdinFilename, data)
	}
	res := l.Bytes(ctx, path, data)
	if path == Stdin {
		res.File = StdinName
		if res.Err != nil {
			res.Err.File = StdinName
		}
		for i := range res.Findings {
			res.Findings[i].File = StdinName
		}
	}
	return res
}

// display is the name results give path.
func (l *Linter) display(path string) string {
	switch {
	case path != Stdin:
		return path
	case l.opt.StdinFilename != "":
		return l.opt.StdinFilename
	}
	return StdinName
}

// ReadDocument reads a Dockerfile the user named and builds its input
// document.
func (l *Linter) ReadDocument(path string, stdin io.Reader) (*document.Document, error) {
	data, err := l.Read(context.Background(), discover.File{Path: path}, stdin)
	if err != nil {
		return nil, err
	}
	name := path
	if path == Stdin && l.opt.StdinFilename != "" {
		// As File: the file stands for StdinFilename, its context too.
		name = l.opt.StdinFilename
	}
	_, doc, _, err := l.prepare(name, data)
	return doc, err
}

// ErrTooLarge is returned for a file over the size limit.
var ErrTooLarge = safeio.ErrTooLarge

// Read reads a Dockerfile as hostile input: a regular file (a FIFO or
// device is refused, not waited on), within the size limit and the read
// timeout, and through symbolic links only inside f.Root. File reads
// with it; a caller that changes the file before linting it (--fix)
// reads with it too, then lints with Data.
func (l *Linter) Read(ctx context.Context, f discover.File, stdin io.Reader) ([]byte, error) {
	timeout := l.opt.ReadTimeout
	if timeout <= 0 {
		timeout = safeio.Timeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var data []byte
	var err error
	if f.Path == Stdin {
		data, err = safeio.ReadAll(ctx, stdin, l.opt.MaxFileSize)
	} else {
		data, err = safeio.ReadFileContext(ctx, f.Path, l.opt.MaxFileSize, f.Root)
	}
	msg := ""
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, safeio.ErrTimeout):
		msg = fmt.Sprintf("%v (no end of input after %s)", err, timeout)
	case errors.Is(err, safeio.ErrOutside):
		msg = fmt.Sprintf("%v (%s); not read — name it on the command line to lint it", err, f.Root)
	default:
		msg = err.Error()
	}
	return nil, &finding.FileError{File: l.display(f.Path), Msg: msg, Err: err}
}

// Bytes lints data as the Dockerfile called name.
func (l *Linter) Bytes(ctx context.Context, name string, data []byte) (res finding.Result) {
	res.File = name
	defer func() {
		// A bug in a rule helper or in a library must cost one file, not the run.
		if r := recover(); r != nil {
			res.Findings, res.Lines, res.Notes = nil, nil, nil
			res.Err = &finding.FileError{File: name, Msg: fmt.Sprintf("internal error (please report it): %v", r)}
		}
	}()
	if l.results != nil {
		return l.cached(ctx, name, data)
	}
	l.warm()
	f, doc, note, err := l.prepare(name, data)
	if err != nil {
		res.Err = finding.AsFileError(name, err)
		return res
	}
	res, _ = l.check(ctx, name, data, f, doc)
	if note != "" {
		res.Notes = append([]string{note}, res.Notes...)
	}
	return res
}

// check evaluates the rules and BuildKit's checks on a prepared file;
// cacheable says the result is the file's for good (no error, no limit
// hit).
func (l *Linter) check(ctx context.Context, name string, data []byte, f *parse.File, doc *document.Document) (res finding.Result, cacheable bool) {
	res.File = name
	// What is needed of the parsed file and the document after the rules
	// is taken now: neither is used past the evaluation, so that a large
	// file's syntax tree and document are garbage while the rules run.
	lines, sup, instructions, buildCtx := f.Lines, pragmas(f).WithAliases(l.aliases), len(f.Instructions), doc.Context
	// While the rules are still being compiled (the first file of a
	// run), BuildKit's checks run first, meanwhile.
	var bk bkResult
	bkFirst := l.opt.BuildKitChecks && !l.ready()
	if bkFirst {
		bk = l.buildkit(ctx, name, data, instructions, buildCtx)
	}
	fs, err := l.eval.Evaluate(ctx, doc, len(data))
	if err != nil {
		res.Err = finding.AsFileError(name, err)
		return res, false
	}
	cacheable = true
	bkComplete := false
	if line := invalidUTF8(lines); line > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("line %d is not valid UTF-8: its odd bytes are read as U+FFFD, as BuildKit does", line))
	}
	if l.opt.BuildKitChecks {
		if !bkFirst {
			bk = l.buildkit(ctx, name, data, instructions, buildCtx)
		}
		fs = append(fs, bkcheck.DropTwins(fs, bk.fs)...)
		if bk.note != "" {
			res.Notes = append(res.Notes, bk.note)
		}
		bkComplete, cacheable = bk.complete, bk.keep
	}
	fs = l.filter(fs, sup)
	fs = append(fs, l.filter(sup.Unused(l.pragmaChecks(bkComplete)), sup)...)
	for i := range fs {
		fs[i].File = name
		clampLines(&fs[i], len(lines))
		complete(&fs[i], lines)
	}
	finding.Sort(fs)
	res.Findings = fs
	res.Lines = lines
	return res, cacheable && ctx.Err() == nil
}

// bkResult is what BuildKit's checks found: complete says they ran over
// the whole file, note why they were cut short; keep is false when a
// limit or a failure cut them short (their result may differ next time).
type bkResult struct {
	fs             []finding.Finding
	complete, keep bool
	note           string
}

// buildkit runs BuildKit's checks within their bounds.
func (l *Linter) buildkit(ctx context.Context, name string, data []byte, instructions int, c *document.Context) bkResult {
	if instructions > bkcheck.MaxInstructions {
		return bkResult{note: fmt.Sprintf("BuildKit's checks skipped: %d instructions, over the %d they handle in reasonable time", instructions, bkcheck.MaxInstructions), keep: true}
	}
	ctx, cancel, timeout := limits.WithTimeout(ctx, l.opt.BuildKitTimeout, len(data))
	defer cancel()
	// The file parsed, so BuildKit's checks have something to say even
	// when its dispatch stops early; what they found is kept, and where
	// they stopped is a finding (see buildkitStopped).
	fs, err := bkcheck.Check(ctx, name, data, bkcheck.Options{
		BuildArgs:    l.opt.BuildArgs,
		Target:       l.opt.Target,
		DockerIgnore: dockerignore(c),
	})
	if errors.Is(err, context.DeadlineExceeded) {
		return bkResult{note: fmt.Sprintf("BuildKit's checks stopped after %s (the time limit)", timeout.Round(time.Millisecond))}
	}
	fs, note := buildkitStopped(fs, err)
	// Where BuildKit stopped is its verdict on the file; a check that did
	// not run may run next time.
	var stopped *bkcheck.Error
	return bkResult{fs: fs, complete: err == nil, note: note, keep: err == nil || (errors.As(err, &stopped) && ctx.Err() == nil)}
}

// invalidUTF8 is the first line that is not UTF-8, or 0.
func invalidUTF8(lines []string) int {
	for i, l := range lines {
		if !utf8.ValidString(l) {
			return i + 1
		}
	}
	return 0
}

// prepare parses data and builds its input document; note says which build
// context was found, when that needs saying.
func (l *Linter) prepare(name string, data []byte) (*parse.File, *document.Document, string, error) {
	f, err := parse.Parse(name, data)
	if err != nil {
		return nil, nil, "", err
	}
	facts := l.opt.Facts
	if facts == nil && l.opt.FactsFunc != nil {
		if facts, err = l.opt.FactsFunc(); err != nil {
			return nil, nil, "", err
		}
	}
	doc, err := document.Build(f, document.Options{
		BuildArgs: l.opt.BuildArgs,
		Target:    l.opt.Target,
		Facts:     facts,
		// GoReleaser builds a Dockerfile it names in a context of its own.
		Goreleaser: l.ctx.Goreleaser(name),
	})
	if err != nil {
		return nil, nil, "", err
	}
	var note string
	doc.Context, note = l.ctx.Find(name, l.opt.ContextDir, doc)
	return f, doc, note, nil
}

func pragmas(f *parse.File) *pragma.Suppressions {
	spans := make([]pragma.Span, len(f.Instructions))
	for i, in := range f.Instructions {
		spans[i] = pragma.Span{Line: in.Node.StartLine, EndLine: in.Node.EndLine}
	}
	return pragma.Parse(f.Lines, spans)
}

// pragmaChecks says which rules a pragma may name (all of them, when the
// rules are known) and which ran on the whole file, so that a pragma naming
// one and silencing nothing is stale. With --target or build arguments the
// findings differ from the default build's, and an ignored rule, or
// BuildKit's checks when they did not run to the end, or a rule off by
// default, found nothing to silence: no pragma is called stale for them.
func (l *Linter) pragmaChecks(bkComplete bool) pragma.Checks {
	var c pragma.Checks
	bk := bkcheck.Rules()
	if l.opt.Rules != nil {
		c.Known = func(name string) bool {
			_, ok := findRule(name, l.opt.Rules, bk, []finding.Rule{pragma.Rule})
			return ok
		}
	}
	if l.opt.Target != "" || len(l.opt.BuildArgs) > 0 {
		return c
	}
	c.Ran = func(name string) bool {
		if strings.EqualFold(name, "all") {
			return bkComplete && len(l.opt.Ignore) == 0
		}
		r, ok := findRule(name, l.opt.Rules, bk, []finding.Rule{pragma.Rule})
		if !ok {
			r = finding.Rule{ID: name, Name: name} // an OPA server's
		}
		switch {
		case r.ID == pragma.Rule.ID, l.matches(l.opt.Ignore, finding.Finding{RuleID: r.ID, RuleName: r.Name}),
			l.matches(l.opt.Off, finding.Finding{RuleID: r.ID, RuleName: r.Name}):
			return false
		case r.Source == bkcheck.Source:
			return bkComplete
		}
		return true
	}
	return c
}

// findRule finds a rule by id, name or alias, ignoring case.
func findRule(name string, lists ...[]finding.Rule) (finding.Rule, bool) {
	for _, rules := range lists {
		for _, r := range rules {
			if r.Named(name) {
				return r, true
			}
		}
	}
	return finding.Rule{}, false
}

// filter drops what the configuration or a pragma turns off and applies
// severity overrides.
func (l *Linter) filter(fs []finding.Finding, sup *pragma.Suppressions) []finding.Finding {
	out := fs[:0]
	for _, f := range fs {
		if l.matches(l.opt.Ignore, f) || sup.Suppressed(f) {
			continue
		}
		for k, sev := range l.opt.Severity {
			if l.names(k, f) {
				f.Severity = sev
			}
		}
		out = append(out, f)
	}
	return out
}

func (l *Linter) matches(rules []string, f finding.Finding) bool {
	for _, r := range rules {
		if l.names(r, f) {
			return true
		}
	}
	return false
}

// clampLines keeps a finding within the file: a custom rule (or an OPA
// server) may name a line past its end, which reports would point nowhere.
func clampLines(f *finding.Finding, n int) {
	n = max(n, 1)
	f.Line = min(max(f.Line, 1), n)
	f.EndLine = min(max(f.EndLine, f.Line), n)
}

// names reports whether rule (an id, a name or an alias) names f's rule.
func (l *Linter) names(rule string, f finding.Finding) bool {
	if strings.EqualFold(rule, f.RuleID) || strings.EqualFold(rule, f.RuleName) {
		return true
	}
	id, ok := l.aliases[strings.ToLower(rule)]
	return ok && id == f.RuleID
}

// complete fills the replacement text from the edits; edits that do not fit
// the file are dropped rather than shown wrong.
func complete(f *finding.Finding, lines []string) {
	if len(f.Edits) == 0 {
		f.Edits = nil
		return
	}
	edits, err := fix.Normalize(lines, f.Edits)
	if err != nil {
		f.Edits = nil
		return
	}
	var parts []string
	for _, group := range nearby(edits) {
		// Show the lines the edits touch, not everything between the finding
		// and an insertion further down.
		first, last := group[0].Line, group[0].EndLine
		for _, e := range group {
			first, last = min(first, e.Line), max(last, e.EndLine)
		}
		last = min(last, len(lines))
		text, err := fix.Apply(lines, first, last, group)
		if err != nil {
			f.Edits = nil
			return
		}
		parts = append(parts, text)
	}
	f.Edits = edits
	f.Replacement = joinGroups(parts)
}

// joinGroups puts a line "..." between the groups of lines a replacement
// shows.
func joinGroups(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if !strings.HasSuffix(b.String(), "\n") {
				b.WriteString("\n")
			}
			b.WriteString("...\n")
		}
		b.WriteString(p)
	}
	return b.String()
}

// nearby groups edits (in file order) whose lines are at most a few lines
// apart. A fix that edits line 4 and line 1,294 shows two short groups, not
// the 1,290 lines between them: with one such finding per build, that was
// quadratic in the file's size.
func nearby(edits []finding.Edit) [][]finding.Edit {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b finding.Edit) int { return a.Line - b.Line })
	var groups [][]finding.Edit
	last := 0
	for _, e := range sorted {
		if len(groups) == 0 || e.Line > last+maxReplacementGap {
			groups = append(groups, nil)
			last = 0
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], e)
		last = max(last, e.EndLine)
	}
	return groups
}

// maxReplacementGap is how many untouched lines a replacement shows between
// two edits before it shows them as two groups.
const maxReplacementGap = 8
