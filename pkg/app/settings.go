// Package app is golint-docker as its command runs it: the settings of a
// run and their precedence (command line, then the configuration file that
// applies to each Dockerfile, then the defaults), the catalogue of rules
// (golint-docker's, a team's policy directories, BuildKit's checks), and Run,
// which lints paths and writes the reports. cmd/golint-docker is flag
// parsing over this package.
//
// It is public API: a Go program can run the linter exactly as the command
// does. Programs that want only the pieces use pkg/lint (one file, many
// files), pkg/policy (the rules) and pkg/report (the formats).
package app

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/report"
)

// Settings are a run's settings as the command line gives them. A field a
// configuration file also sets is left nil when the command line does not
// give it, so that the file (then the default) decides; Resolve applies
// that precedence.
type Settings struct {
	// Command line only.
	BuildArgs     map[string]string
	Target        string
	ContextDir    string // "" means each Dockerfile's directory
	StdinFilename string // names standard input, and places it for its context and configuration
	Limits        Limits
	Jobs          int // files linted at once; 0 means one per core
	// Allow opens the policy sandbox (policy.Options.Allow: "net", "env",
	// "clock", "files", a function's name, or "all").
	Allow  []string
	OPAURL string // evaluate on this OPA server instead of in process
	// CacheDir keeps results between runs in this directory (see
	// pkg/cache; DefaultCacheDir is the command's default); "" keeps
	// none. Identical files within a run are evaluated once either way.
	CacheDir string
	// SoftMemoryLimit, when set, is the process's soft memory limit
	// during the run (runtime/debug.SetMemoryLimit), raised while large
	// files are linted (see memoryBudget); 0 leaves the runtime's as it
	// is. The command sets one unless GOMEMLIMIT does.
	SoftMemoryLimit int64

	// Also in the configuration file; the command line wins. Ignore,
	// Enable and PolicyDirs add to the file's lists (a rule the command
	// line enables is not ignored by the file, one it ignores is off
	// whatever the file enables), TrustedRegistries replaces its list,
	// Severity overrides win over its map (later ones over earlier).
	FailureThreshold  *Threshold
	Ignore            []string
	Enable            []string // rules off by default to run, by id or name
	Severity          []SeverityOverride
	TrustedRegistries []string // nil: the file's list
	PolicyDirs        []string
	BuildKitChecks    *bool

	// ConfigFile applies to every Dockerfile; "" finds the nearest one
	// above each (Finder, or config.DefaultFinder when nil).
	ConfigFile string
	Finder     *config.Finder

	// Fix applies or shows the fixes (see FixMode); UnsafeFixes adds
	// those of rules whose metadata does not say they are safe.
	Fix         FixMode
	UnsafeFixes bool

	// The reports.
	Outputs []report.Output
	Color   bool
	Tool    report.Tool // name, version, URI; the rules are filled in

	// Hint, when set, gives what the user can do about an error (the
	// command line names the flag that changes a limit); it is appended to
	// the message.
	Hint func(error) string
}

// Limits bound the work for one Dockerfile.
type Limits struct {
	Timeout     limits.Budget[time.Duration]
	MaxHeap     limits.Budget[uint64]
	MaxFileSize int64
}

// DefaultLimits are the limits a run has unless told otherwise; the
// timeout and the heap limit grow with files over limits.Unit.
func DefaultLimits() Limits {
	return Limits{
		Timeout:     limits.Budget[time.Duration]{Limit: limits.DefaultTimeout, Grow: true},
		MaxHeap:     limits.Budget[uint64]{Limit: limits.DefaultMaxHeap, Grow: true},
		MaxFileSize: limits.DefaultMaxFileSize,
	}
}

// SeverityOverride sets the severity of a rule, named by id or name.
type SeverityOverride struct {
	Rule     string
	Severity finding.Severity
}

// Threshold is the severity from which findings fail a run.
type Threshold struct {
	Severity finding.Severity
	None     bool // nothing fails the run
}

// DefaultThreshold fails a run on warnings and errors.
var DefaultThreshold = Threshold{Severity: finding.Warning}

// ParseThreshold reads error, warning, info or none.
func ParseThreshold(s string) (Threshold, error) {
	if s == "none" || s == "never" {
		return Threshold{None: true}, nil
	}
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return Threshold{}, fmt.Errorf("unknown threshold %q (want error, warning, info or none)", s)
	}
	return Threshold{Severity: sev}, nil
}

// Fails reports whether a finding of severity sev fails the run.
func (t Threshold) Fails(sev finding.Severity) bool { return !t.None && sev >= t.Severity }

// Resolved are the settings for the Dockerfiles one configuration file
// applies to.
type Resolved struct {
	Config    *config.Config // never nil; an empty Config when there is no file
	Catalogue CatalogueOptions
	Lint      lint.Options // Ignore and Severity still as written; see Canonical
	// Ignore, Enable and Severity as the command line and the file name
	// them, each with where it comes from, for Canonical.
	ignore   []named
	enable   []named
	severity []namedSeverity
}

type named struct{ where, rule string }

type namedSeverity struct {
	named
	sev finding.Severity
}

// Resolve applies the precedence — command line, then cfg, then the
// defaults — for the Dockerfiles cfg applies to (nil: no file).
func (s Settings) Resolve(cfg *config.Config) Resolved {
	if cfg == nil {
		cfg = &config.Config{}
	}
	r := Resolved{Config: cfg}
	registries := cfg.TrustedRegistries
	if s.TrustedRegistries != nil {
		registries = s.TrustedRegistries
	}
	buildkit := true
	if cfg.BuildKitChecks != nil {
		buildkit = *cfg.BuildKitChecks
	}
	if s.BuildKitChecks != nil {
		buildkit = *s.BuildKitChecks
	}
	r.Catalogue = CatalogueOptions{
		PolicyDirs:     append(append([]string{}, cfg.Policies...), s.PolicyDirs...),
		Data:           Data(cfg.Data, registries),
		Enable:         append(append([]string{}, cfg.Enable...), s.Enable...),
		Allow:          s.Allow,
		Workers:        s.Jobs,
		Limits:         s.Limits,
		BuildKitChecks: buildkit,
		OPAURL:         s.OPAURL,
	}
	r.Lint = lint.Options{
		BuildArgs: s.BuildArgs, Target: s.Target, ContextDir: s.ContextDir,
		StdinFilename: s.StdinFilename, MaxFileSize: s.Limits.MaxFileSize,
		BuildKitChecks: buildkit, BuildKitTimeout: s.Limits.Timeout,
		ReadTimeout: s.Limits.Timeout.Limit,
	}
	where := "configuration"
	if cfg.Path != "" {
		where = cfg.Path
	}
	for _, rule := range cfg.Ignore {
		r.ignore = append(r.ignore, named{where + ": ignore", rule})
	}
	for _, rule := range s.Ignore {
		r.ignore = append(r.ignore, named{commandLine + "ignore", rule})
	}
	for _, rule := range cfg.Enable {
		r.enable = append(r.enable, named{where + ": enable", rule})
	}
	for _, rule := range s.Enable {
		r.enable = append(r.enable, named{commandLine + "enable", rule})
	}
	// The file's map in a stable order, then the command line's in its own.
	keys := make([]string, 0, len(cfg.Severity))
	for k := range cfg.Severity {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r.severity = append(r.severity, namedSeverity{named{where + ": severity", k}, cfg.Severity[k]})
	}
	for _, o := range s.Severity {
		r.severity = append(r.severity, namedSeverity{named{commandLine + "severity", o.Rule}, o.Severity})
	}
	return r
}

// commandLine starts the where of a name the command line gave.
const commandLine = "command line: "

// Canonical returns the lint options with every rule named by its id, so
// that the command line wins over the file whichever form either uses; the
// problems with the names, each with where it was written: names in ignore
// or severity that match no rule in rules (probably typos), and enable
// naming a rule that is not off by default (and not ignored by the file);
// and an *UnknownRuleError for the first name in enable that matches no
// rule (a typo there would leave the rule off, silently).
func (r Resolved) Canonical(rules []finding.Rule) (lint.Options, []string, error) {
	opt := r.Lint
	var problems []string
	canon := func(n named) (finding.Rule, bool) {
		rule, ok := FindRule(rules, n.rule)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: no rule %q (golint-docker rules lists them)", n.where, n.rule))
			rule.ID = n.rule
		}
		return rule, ok
	}
	// What the command line enables, the file does not ignore.
	flagEnabled := map[string]bool{}
	for _, n := range r.enable {
		rule, ok := FindRule(rules, n.rule)
		if !ok {
			return opt, problems, r.unknown(n, rules)
		}
		if strings.HasPrefix(n.where, commandLine) {
			flagEnabled[rule.ID] = true
		}
	}
	opt.Ignore = nil
	fileIgnored := map[string]bool{}
	for _, n := range r.ignore {
		rule, _ := canon(n)
		if !strings.HasPrefix(n.where, commandLine) {
			fileIgnored[rule.ID] = true
			if flagEnabled[rule.ID] {
				continue
			}
		}
		opt.Ignore = append(opt.Ignore, rule.ID)
	}
	for _, n := range r.enable {
		if rule, _ := FindRule(rules, n.rule); !rule.DefaultOff && !(flagEnabled[rule.ID] && fileIgnored[rule.ID]) {
			problems = append(problems, fmt.Sprintf("%s: %s (%s) is on by default: there is nothing to turn on", n.where, rule.Name, rule.ID))
		}
	}
	opt.Severity = map[string]finding.Severity{}
	for _, o := range r.severity {
		rule, _ := canon(o.named)
		opt.Severity[rule.ID] = o.sev
	}
	return opt, problems, nil
}

// unknown is the error for n, a name in enable that matches no rule.
func (r Resolved) unknown(n named, rules []finding.Rule) error {
	e := &UnknownRuleError{Key: "enable", Name: n.rule}
	if !strings.HasPrefix(n.where, commandLine) {
		e.File, e.Line = r.Config.Path, r.Config.Line("enable")
		if e.File == "" {
			e.File = n.where
		}
	}
	for _, rule := range rules {
		e.Known = append(e.Known, rule.ID, rule.Name)
	}
	return e
}

// UnknownRuleError is a name in enable (the command line's --enable, or a
// configuration's enable:) that matches no rule.
type UnknownRuleError struct {
	File  string // the configuration file; "" for the command line
	Line  int    // in File (0: unknown)
	Key   string // enable
	Name  string
	Known []string // the rules' ids and names, for a hint
}

func (e *UnknownRuleError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("--%s %s: no such rule", e.Key, e.Name)
	}
	at := e.File
	if e.Line > 0 {
		at = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return fmt.Sprintf("%s: %s: no rule %q", at, e.Key, e.Name)
}

// FindRule finds a rule by id (GD004), name (cgo-disabled) or alias
// (hadolint's DL3062), ignoring case. Ids and names come first: an alias
// never hides a rule.
func FindRule(rules []finding.Rule, want string) (finding.Rule, bool) {
	for _, r := range rules {
		if strings.EqualFold(r.ID, want) || strings.EqualFold(r.Name, want) {
			return r, true
		}
	}
	for _, r := range rules {
		if r.Named(want) {
			return r, true
		}
	}
	return finding.Rule{}, false
}

// Data places the configuration's data and trusted registries where the
// rules read them: data.golintdocker.
func Data(data map[string]any, registries []string) map[string]any {
	gd := map[string]any{}
	for k, v := range data {
		gd[k] = v
	}
	if len(registries) > 0 {
		list := make([]any, len(registries))
		for i, r := range registries {
			list[i] = r
		}
		cfg, _ := gd["config"].(map[string]any)
		c := map[string]any{}
		for k, v := range cfg {
			c[k] = v
		}
		c["trusted_registries"] = list
		gd["config"] = c
	}
	return map[string]any{"golintdocker": gd}
}
