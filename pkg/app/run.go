package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/report"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Exit codes of a run.
const (
	ExitOK       = 0 // nothing at or above the threshold
	ExitFindings = 1 // findings at or above the threshold
	ExitError    = 2 // a file that could not be linted, or a problem that stopped the run (2 wins over 1)
)

// ErrInterrupted is returned when the run's context ends before every file
// was linted; no report was written.
var ErrInterrupted = errors.New("interrupted: no report was written (earlier reports are as they were)")

// IO is what a run reads and writes besides the files it is given.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// OnAbort, when set, is given a function that removes the run's
	// temporary files, for a process that must end before the run does (a
	// second Ctrl-C).
	OnAbort func(abort func())
}

// Run lints paths (files, directories, "-" for standard input; none means
// ./Dockerfile) and writes the reports. It returns the summary and the exit
// code; problems that stop the run are said on Stderr, one per line.
func Run(ctx context.Context, s Settings, paths []string, rio IO) (report.Summary, int) {
	sum, code, _ := start(ctx, s, paths, rio)
	return sum, code
}

// start is Run, and the runner, for tests.
func start(ctx context.Context, s Settings, paths []string, rio IO) (report.Summary, int, *runner) {
	r := &runner{s: s, io: rio, plans: map[string]*plan{}, catalogues: map[string]*Catalogue{}, warned: map[string]bool{}}
	if r.s.Finder == nil {
		r.s.Finder = config.DefaultFinder()
	}
	sum, err := r.run(ctx, paths)
	for _, c := range r.catalogues {
		c.Close()
	}
	r.closeCache()
	if err != nil {
		r.warn("%v", r.hinted(err))
		return sum, ExitError, r
	}
	return sum, r.code, r
}

type runner struct {
	s          Settings
	io         IO
	plans      map[string]*plan      // by configuration file ("" for none)
	order      []*plan               // as made
	catalogues map[string]*Catalogue // by CatalogueOptions, shared by plans that agree
	warned     map[string]bool
	code       int
	threshold  Threshold
	fixes      fixCounts
	// The results of the run's files (see lint.Results), kept in disk
	// when there is a cache.
	results *lint.Results
	disk    *cache.Cache
	binary  string // the binary's identity (cache.ExecutableID)
	// newCache says the cache directory did not exist: nothing hits.
	newCache bool
}

// plan is how the Dockerfiles one configuration file applies to are linted.
type plan struct {
	linter *lint.Linter
	rules  []finding.Rule
	safe   map[string]bool // rules whose fixes --fix applies
	cat    *Catalogue
}

func (r *runner) run(ctx context.Context, paths []string) (report.Summary, error) {
	sum := report.Summary{Findings: map[finding.Severity]int{}}
	if len(paths) == 0 {
		paths = []string{"Dockerfile"}
	}
	if err := r.s.check(); err != nil {
		return sum, err
	}
	files, problems := discover.Files(paths)
	if err := r.setThreshold(); err != nil {
		return sum, err
	}
	r.openCache()
	planOf := make([]*plan, len(files))
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Path
		p, err := r.planFor(ctx, r.configDir(f.Path))
		if err != nil {
			return sum, err
		}
		planOf[i] = p
	}
	if len(files) == 0 {
		// Nothing to lint: the rules are still loaded, for the reports and
		// so that a broken policy is said.
		p, err := r.planFor(ctx, ".")
		if err != nil {
			return sum, err
		}
		if err := p.cat.Compile(); err != nil {
			return sum, err
		}
	}
	outs, err := report.Open(r.s.Outputs, r.reportStream(paths), r.tool(), report.Options{Color: r.s.Color, Threshold: r.threshold.Severity}, names)
	if err != nil {
		return sum, err
	}
	defer outs.Abort() // after Commit, a no-op
	if r.io.OnAbort != nil {
		r.io.OnAbort(outs.Abort)
	}
	for _, p := range problems {
		r.emit(outs, &sum, finding.Result{File: p.Path, Err: &finding.FileError{File: p.Path, Msg: p.Err.Error(), Err: p.Err}})
	}
	index := make(map[string]int, len(files))
	for i, f := range files {
		index[f.Path] = i
	}
	// Once ctx ends, the files left are not linted and nothing more is
	// reported: the run ends with ErrInterrupted. A problem with the rules
	// themselves, found when the first file needed them, ends it too.
	lintCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	budget := newMemoryBudget(r.s.SoftMemoryLimit)
	defer budget.restore()
	lint.Each(files, r.jobs(), func(f discover.File) fixed {
		if lintCtx.Err() != nil {
			return fixed{}
		}
		defer budget.file(f.Path)()
		return r.lintFile(lintCtx, planOf[index[f.Path]], f)
	}, func(f fixed) {
		if lintCtx.Err() != nil {
			return
		}
		if err, ok := asCatalogueError(f.res); ok {
			stop(err)
			return
		}
		r.emit(outs, &sum, r.finishFix(lintCtx, f))
	})
	if ctx.Err() != nil {
		outs.Abort()
		return sum, ErrInterrupted
	}
	if err := context.Cause(lintCtx); err != nil {
		outs.Abort()
		return sum, err
	}
	r.fixSummary()
	return sum, outs.Commit(sum)
}

// check refuses settings that cannot work together.
func (s Settings) check() error {
	if s.OPAURL != "" && (len(s.PolicyDirs) > 0 || s.TrustedRegistries != nil) {
		return errors.New("policy directories and trusted registries cannot be sent to an OPA server: build them into the bundle it serves")
	}
	if s.OPAURL != "" && len(s.Enable) > 0 {
		return errors.New("an OPA server's bundle decides which rules are on: turn them on in its data (data.golintdocker.options.<rule>.enabled, or enable: in the configuration golint-docker bundle reads)")
	}
	return nil
}

// configDir is the directory whose configuration file applies to path.
func (r *runner) configDir(path string) string {
	if path == lint.Stdin {
		if r.s.StdinFilename != "" {
			return filepath.Dir(r.s.StdinFilename)
		}
		return "."
	}
	return filepath.Dir(path)
}

// setThreshold: the command line's, else that of the configuration file of
// the working directory (the threshold is the run's, not a file's), else
// the default.
func (r *runner) setThreshold() error {
	r.threshold = DefaultThreshold
	if r.s.FailureThreshold != nil {
		r.threshold = *r.s.FailureThreshold
		return nil
	}
	path, err := r.configPath(".")
	if err != nil {
		return err
	}
	cfg, err := r.loadConfig(path)
	if err != nil || cfg.FailureThreshold == "" {
		return err
	}
	t, err := ParseThreshold(cfg.FailureThreshold)
	if err != nil {
		return &finding.FileError{File: cfg.Path, Msg: "failure-threshold: " + err.Error()}
	}
	r.threshold = t
	return nil
}

// configPath is the configuration file for the Dockerfiles of dir ("" for
// none).
func (r *runner) configPath(dir string) (string, error) {
	if r.s.ConfigFile != "" {
		return r.s.ConfigFile, nil
	}
	return r.s.Finder.Find(dir)
}

// loadConfig loads a configuration file; "" is an empty one. A file that
// was found, not named, may not link out of its repository.
func (r *runner) loadConfig(path string) (*config.Config, error) {
	switch {
	case path == "":
		return &config.Config{}, nil
	case r.s.ConfigFile == "":
		return config.LoadWithin(path, discover.RepoRoot(filepath.Dir(path)))
	}
	return config.Load(path)
}

// planFor returns the plan for the Dockerfiles of dir, made once per
// configuration file.
func (r *runner) planFor(ctx context.Context, dir string) (*plan, error) {
	path, err := r.configPath(dir)
	if err != nil {
		return nil, err
	}
	if p, ok := r.plans[path]; ok {
		return p, nil
	}
	cfg, err := r.loadConfig(path)
	if err != nil {
		return nil, err
	}
	res := r.s.Resolve(cfg)
	if r.s.OPAURL != "" && (len(cfg.Policies) > 0 || len(cfg.TrustedRegistries) > 0 || len(cfg.Data) > 0 || len(cfg.Enable) > 0) {
		r.warn("%s: policies, trusted-registries, enable and data are not used with an OPA server: the bundle it serves decides (golint-docker bundle builds them in)", cfg.Path)
	}
	cat, err := r.catalogue(ctx, res.Catalogue)
	if err != nil {
		return nil, err
	}
	if err := checkData(cfg, cat.Unread, cat.Rules); err != nil {
		return nil, err
	}
	opt, problems, err := res.Canonical(cat.Rules)
	if err != nil {
		return nil, err
	}
	cat.LintFacts(&opt)
	opt.Rules = cat.Known
	opt.Off = cat.Off
	for _, p := range problems {
		r.warn("%s", p)
	}
	p := &plan{linter: lint.New(cat.Evaluator, opt), rules: cat.Rules, safe: safeFixes(cat.Rules), cat: cat}
	r.useCache(p.linter, cat)
	if cat.engine != nil && (r.disk == nil || !cat.Cacheable || r.newCache) {
		// No result can come from the cache: every file needs the rules.
		cat.engine.Warm()
	}
	r.plans[path] = p
	r.order = append(r.order, p)
	return p, nil
}

// checkData: every key of the configuration's data is read by a rule
// (unread lists those that are not, see policy.Loaded.Unread), and
// data.options turns on rules that are off by default.
func checkData(cfg *config.Config, unread []string, rules []finding.Rule) error {
	if len(unread) > 0 {
		// A key of the configuration's data that no rule reads is a typo
		// (the shape of what the built-in rules read is in its schema).
		k := unread[0]
		return &config.Error{File: cfg.Path, Line: cfg.Line("data", k),
			Msg: fmt.Sprintf("data.%s: no rule reads data.golintdocker.%s (a built-in rule or a policy directory's rule must read it: a typo?)", k, k)}
	}
	return checkOptions(cfg, rules)
}

// checkOptions: each key of the configuration's data.options names a rule
// that is off by default (a typo would leave it off, silently).
func checkOptions(cfg *config.Config, rules []finding.Rule) error {
	options, _ := cfg.Data["options"].(map[string]any)
	keys := make([]string, 0, len(options))
	for k := range options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := strings.ReplaceAll(k, "_", "-")
		if r, ok := FindRule(rules, name); !ok || !r.DefaultOff {
			return &config.Error{File: cfg.Path, Line: cfg.Line("data", "options", k),
				Msg: fmt.Sprintf("data.options.%s: no rule %s is off by default (golint-docker rules marks them; enable: [%s] turns one on)", k, name, name)}
		}
	}
	return nil
}

// catalogue compiles the rules once per distinct set of options.
func (r *runner) catalogue(ctx context.Context, o CatalogueOptions) (*Catalogue, error) {
	raw, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	if c, ok := r.catalogues[string(raw)]; ok {
		return c, nil
	}
	c, err := NewCatalogue(ctx, o)
	if err != nil {
		return nil, err
	}
	r.catalogues[string(raw)] = c
	return c, nil
}

// tool describes golint-docker and every rule of every plan, once each.
func (r *runner) tool() report.Tool {
	t := r.s.Tool
	n := len(t.Rules)
	for _, p := range r.order {
		n += len(p.rules)
	}
	// Sized once: the rules are large structs, and a hit makes little else.
	t.Rules = slices.Grow(slices.Clip(t.Rules), n-len(t.Rules))
	seen := map[string]bool{}
	for _, p := range r.order {
		for _, rule := range p.rules {
			if !seen[rule.ID] {
				seen[rule.ID] = true
				t.Rules = append(t.Rules, rule)
			}
		}
	}
	return t
}

func (r *runner) jobs() int {
	if r.s.Jobs > 0 {
		return r.s.Jobs
	}
	return runtime.GOMAXPROCS(0)
}

// emit counts a result, says its notes and writes it to every report.
func (r *runner) emit(outs *report.Outputs, sum *report.Summary, res finding.Result) {
	sum.Files++
	if res.Err != nil {
		sum.Failed++
		r.code = ExitError
		if h := r.hint(res.Err); h != "" {
			res.Err.Msg += " " + h
		}
	}
	for _, f := range res.Findings {
		sum.Findings[f.Severity]++
		if r.threshold.Fails(f.Severity) && r.code == ExitOK {
			r.code = ExitFindings
		}
	}
	for _, n := range res.Notes {
		r.warn("%s: %s", safeio.Escape(res.File), safeio.Escape(n))
	}
	if err := outs.Write(res); err != nil {
		r.warn("writing results: %v", err)
		r.code = ExitError
	}
}

func (r *runner) hint(err error) string {
	if r.s.Hint == nil {
		return ""
	}
	return r.s.Hint(err)
}

// hinted is err with its hint.
func (r *runner) hinted(err error) string {
	if h := r.hint(err); h != "" {
		return err.Error() + " " + h
	}
	return err.Error()
}

// warn says something on Stderr, once.
func (r *runner) warn(format string, a ...any) {
	msg := fmt.Sprintf("golint-docker: "+format+"\n", a...)
	if !r.warned[msg] {
		r.warned[msg] = true
		fmt.Fprint(r.io.Stderr, msg)
	}
}
