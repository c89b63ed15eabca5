package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/report"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

const usage = `Usage: golint-docker [flags] [PATH...]

Lints Dockerfiles of Go services. A PATH is a Dockerfile, a directory (searched
for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile; .git, vendor and
node_modules are skipped) or - for standard input. No PATH means ./Dockerfile.

Exit status: 0 nothing at or above --failure-threshold, 1 findings at or above
it, 2 bad usage or a file that could not be read or parsed (2 wins over 1),
130 or 143 when interrupted (SIGINT, SIGTERM).

With --fix the safe fixes are applied first and the exit status is that of
what remains; --diff prints them instead and changes nothing.

Commands:
  golint-docker [flags] [PATH...]      lint (this command)
  golint-docker input [flags] PATH     print the input document the rules read
  golint-docker rules [ID|NAME...]     list the rules, or explain some
  golint-docker bundle -o FILE.tar.gz  write the rules as an OPA bundle
  golint-docker init [flags] [DIR]     write a Dockerfile and .dockerignore for a Go module
  golint-docker lsp                    serve an editor over the Language Server Protocol (stdio)
  golint-docker cache clean|dir        empty the result cache, or print where it is
  golint-docker version                print the version (also --version, -v)
  golint-docker help [COMMAND]         print this help, or a command's

Flags:
`

// softMemoryLimit keeps a run over many Dockerfiles within 64 MiB of
// memory for a few per cent of CPU (docs/performance.md); large files get
// room above it. GOMEMLIMIT, when set, is used instead.
const softMemoryLimit = 36 << 20

// maxJobsPerCore bounds --jobs: more files at once than this only adds
// memory (remote evaluation waits on the network, hence more than one).
const maxJobsPerCore = 16

// docFlags are the flags that shape the input document: lint and input.
type docFlags struct {
	buildArgs   []string
	target      string
	contextDir  string
	maxFileSize int64
}

func (f *docFlags) register(fs *flag.FlagSet) {
	fs.StringArrayVar(&f.buildArgs, "build-arg", nil, "set a build-time variable, as docker build does (`NAME=VALUE`; repeatable)")
	fs.StringVar(&f.target, "target", "", "lint as if building this `stage` (docker build --target)")
	fs.StringVar(&f.contextDir, "context", "", "build context `dir` (default: the nearest directory, from the Dockerfile's up to the repository root, holding what it copies; unknown if none)")
	fs.Int64Var(&f.maxFileSize, "max-file-size", limits.DefaultMaxFileSize, "refuse (with an error) Dockerfiles larger than this many `bytes`")
}

func (f *docFlags) options() (lint.Options, error) {
	opt := lint.Options{Target: f.target, ContextDir: f.contextDir, MaxFileSize: f.maxFileSize}
	if f.maxFileSize <= 0 {
		return opt, fmt.Errorf("--max-file-size %d: must be more than zero", f.maxFileSize)
	}
	for _, kv := range f.buildArgs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return opt, fmt.Errorf("--build-arg %q: want NAME=VALUE", kv)
		}
		if opt.BuildArgs == nil {
			opt.BuildArgs = map[string]string{}
		}
		opt.BuildArgs[k] = v
	}
	if f.contextDir != "" {
		st, err := os.Stat(f.contextDir)
		if err != nil {
			return opt, fmt.Errorf("--context %s: %w", f.contextDir, safeio.Cause(err))
		}
		if !st.IsDir() {
			return opt, fmt.Errorf("--context %s: not a directory", f.contextDir)
		}
	}
	return opt, nil
}

// lintFlags are the lint command's flags as given.
type lintFlags struct {
	doc                                  docFlags
	formats, outputs, ignore, severities []string
	enable, policyDirs, trusted, allow   []string
	threshold, color, configFile, opaURL string
	stdinFilename                        string
	cache                                cacheFlags
	noColor, allowNet, buildkit, version bool
	fix, diff, unsafeFixes               bool
	timeout                              time.Duration
	maxMemoryMiB                         uint64
	jobs                                 int
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	f.doc.register(fs)
	fs.StringArrayVar(&f.formats, "format", nil, "output `format`: "+strings.Join(report.Formats(), ", ")+" (repeatable; NAME:FILE writes to FILE; default tty, or github under GitHub Actions)")
	fs.StringArrayVar(&f.outputs, "output", nil, "write the i-th --format to this `file` instead of stdout (repeatable; written atomically; a symbolic link is refused)")
	fs.StringVar(&f.threshold, "failure-threshold", "warning", "exit 1 when a finding is at least this `severity`: error, warning, info or none")
	fs.StringVar(&f.color, "color", "auto", "colour the tty format: auto, always or never (auto: a terminal; NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE are honoured)")
	fs.BoolVar(&f.noColor, "no-color", false, "same as --color=never")
	fs.StringArrayVar(&f.policyDirs, "policy", nil, "also evaluate the Rego rules in this `dir` (repeatable)")
	fs.BoolVar(&f.allowNet, "allow-net", false, "let --policy rules reach the network, the environment, the clock and files (all of --allow)")
	fs.StringArrayVar(&f.allow, "allow", nil, "let --policy rules use `net` (http.send, DNS), env (opa.runtime), clock (time.now_ns) or files (json.match_schema $refs), or one such function by name (repeatable)")
	fs.DurationVar(&f.timeout, "timeout", limits.DefaultTimeout, "give up on a file whose rules take longer than this `duration` (the default grows with files over 1 MB: 10s per MB)")
	fs.Uint64Var(&f.maxMemoryMiB, "max-memory", limits.DefaultMaxHeap>>20, "stop rules that grow the heap past this many `MiB` (the default grows with files over 1 MB: 1024 MiB per MB)")
	fs.IntVar(&f.jobs, "jobs", runtime.GOMAXPROCS(0), fmt.Sprintf("lint this many files at once (at most %d per core)", maxJobsPerCore))
	fs.StringVar(&f.configFile, "config", "", "use this configuration `file` for every Dockerfile (default: the nearest .golint-docker.yaml above each, up to the repository root)")
	fs.StringSliceVar(&f.ignore, "ignore", nil, "turn off rules, by `ID` or name (repeatable, comma-separated; adds to the configuration's ignore list)")
	fs.StringSliceVar(&f.enable, "enable", nil, "turn on rules that are off by default, by `ID` or name (repeatable, comma-separated; adds to the configuration's enable list; golint-docker rules marks them)")
	fs.StringArrayVar(&f.severities, "severity", nil, "override a rule's severity: `ID=level` (repeatable; wins over the configuration)")
	fs.BoolVar(&f.buildkit, "buildkit-checks", true, "also run BuildKit's own checks (docker build --check); --buildkit-checks=false turns them off")
	fs.StringVar(&f.opaURL, "opa-url", "", "evaluate the rules on this OPA server (`URL`, serving a golint-docker bundle) instead of the embedded ones")
	fs.StringArrayVar(&f.trusted, "trusted-registry", nil, "allow base images only from this `registry` or repository prefix (repeatable; replaces the configuration's list)")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "the `path` of the Dockerfile read from standard input: its name in reports, its build context and configuration")
	f.cache.register(fs, true)
	fs.BoolVarP(&f.version, "version", "v", false, "print the version and exit")
	fs.BoolVar(&f.fix, "fix", false, "apply the safe fixes to the files (standard input: print the fixed file), then report what remains")
	fs.BoolVar(&f.diff, "diff", false, "print the safe fixes as a unified diff and change nothing (the report goes to stderr)")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, also the fixes that change what the image does")
}

func runLint(ctx context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker")
	var f lintFlags
	f.register(fs)
	if code, done := parse(fs, args, e, usage); done {
		return code
	}
	if f.version {
		return runVersion(ctx, nil, e)
	}
	paths := fs.Args()
	s, err := f.settings(fs, e, &paths)
	if err != nil {
		return usageError(e, "golint-docker", err)
	}
	_, code := app.Run(ctx, s, paths, e.io())
	return code
}

// settings turns the flags into the run's settings; an error is a usage
// error naming the flag.
func (f *lintFlags) settings(fs *flag.FlagSet, e env, paths *[]string) (app.Settings, error) {
	opt, err := f.doc.options()
	if err != nil {
		return app.Settings{}, err
	}
	s := app.Settings{
		BuildArgs: opt.BuildArgs, Target: opt.Target, ContextDir: opt.ContextDir,
		StdinFilename: f.stdinFilename, Jobs: f.jobs, OPAURL: f.opaURL,
		Ignore: f.ignore, Enable: f.enable, PolicyDirs: f.policyDirs, ConfigFile: f.configFile,
		Tool: report.Tool{Name: "golint-docker", Version: buildVersion(), InformationURI: "https://github.com/golint-docker/golint-docker"},
		Hint: hint, UnsafeFixes: f.unsafeFixes,
	}
	if f.fix {
		s.Fix = app.FixInPlace
	} else if f.diff {
		s.Fix = app.FixDiff
	}
	if fs.Changed("cache-dir") && f.cache.noCache {
		return s, errors.New("--cache-dir and --no-cache: give one")
	}
	if s.CacheDir, err = f.cache.resolve(e); err != nil {
		// The cache costs speed, never the run.
		fmt.Fprintf(e.stderr, "golint-docker: cache not used: %v (--cache-dir sets it, --no-cache turns it off)\n", err)
	}
	if e.getenv("GOMEMLIMIT") == "" {
		s.SoftMemoryLimit = softMemoryLimit
	}
	if s.Limits, err = f.limits(fs); err != nil {
		return s, err
	}
	for _, a := range f.allow {
		name, err := policy.ParseAccess(a)
		if err != nil {
			return s, fmt.Errorf("--allow %w", err)
		}
		s.Allow = append(s.Allow, name)
	}
	if f.allowNet {
		s.Allow = append(s.Allow, "all")
	}
	if err := f.checkCombinations(fs, paths); err != nil {
		return s, err
	}
	if fs.Changed("failure-threshold") {
		t, err := app.ParseThreshold(f.threshold)
		if err != nil {
			return s, fmt.Errorf("--failure-threshold: %w", err)
		}
		s.FailureThreshold = &t
	}
	if fs.Changed("trusted-registry") {
		s.TrustedRegistries = f.trusted
	}
	if fs.Changed("buildkit-checks") {
		s.BuildKitChecks = &f.buildkit
	}
	for _, kv := range f.severities {
		k, v, ok := strings.Cut(kv, "=")
		sev, err := finding.ParseSeverity(v)
		if !ok || k == "" || err != nil {
			return s, fmt.Errorf("--severity %q: want ID=error|warning|info", kv)
		}
		s.Severity = append(s.Severity, app.SeverityOverride{Rule: k, Severity: sev})
	}
	if s.Color, err = f.colour(e); err != nil {
		return s, err
	}
	s.Outputs, err = pairOutputs(f.formats, f.outputs, e)
	return s, err
}

// limits checks the bounds: no zero or negative durations and sizes, no
// more jobs than the machine can use.
func (f *lintFlags) limits(fs *flag.FlagSet) (app.Limits, error) {
	l := app.DefaultLimits()
	l.MaxFileSize = f.doc.maxFileSize
	switch maxJobs := maxJobsPerCore * runtime.NumCPU(); {
	case f.timeout <= 0:
		return l, fmt.Errorf("--timeout %s: must be more than zero", f.timeout)
	case f.maxMemoryMiB == 0:
		return l, errors.New("--max-memory 0: must be at least 1 (MiB)")
	case f.maxMemoryMiB > 1<<30:
		return l, fmt.Errorf("--max-memory %d: more than a machine has (the value is in MiB)", f.maxMemoryMiB)
	case f.jobs < 1:
		return l, fmt.Errorf("--jobs %d: must be at least 1", f.jobs)
	case f.jobs > maxJobs:
		return l, fmt.Errorf("--jobs %d: at most %d on this machine (%d per core)", f.jobs, maxJobs, maxJobsPerCore)
	}
	if fs.Changed("timeout") {
		l.Timeout = limits.Budget[time.Duration]{Limit: f.timeout}
	}
	if fs.Changed("max-memory") {
		l.MaxHeap = limits.Budget[uint64]{Limit: f.maxMemoryMiB << 20}
	}
	return l, nil
}

// checkCombinations refuses flags that cannot work together.
func (f *lintFlags) checkCombinations(fs *flag.FlagSet, paths *[]string) error {
	if f.opaURL != "" {
		for _, name := range []string{"policy", "trusted-registry", "allow-net", "allow"} {
			if fs.Changed(name) {
				return fmt.Errorf("--opa-url cannot be used with --%s: the OPA server evaluates the policy and data of the bundle it serves (build them in with golint-docker bundle)", name)
			}
		}
	}
	switch {
	case f.fix && f.diff:
		return errors.New("--fix and --diff cannot be used together: --diff shows the fixes, --fix applies them")
	case f.unsafeFixes && !f.fix && !f.diff:
		return errors.New("--unsafe-fixes goes with --fix or --diff")
	}
	if f.stdinFilename != "" {
		switch {
		case len(*paths) == 0:
			*paths = []string{lint.Stdin}
		case !slices.Contains(*paths, lint.Stdin):
			return errors.New("--stdin-filename names standard input, but no PATH is -")
		}
	}
	return nil
}

func (f *lintFlags) colour(e env) (bool, error) {
	mode := f.color
	if f.noColor {
		mode = "never"
	}
	if mode != "auto" && mode != "always" && mode != "never" {
		return false, fmt.Errorf("--color %q: want auto, always or never", mode)
	}
	return wantColor(mode, e), nil
}

// pairOutputs reads --format NAME[:FILE] and --output FILE (the i-th
// --output goes with the i-th --format) into the reports to write.
func pairOutputs(formats, files []string, e env) ([]report.Output, error) {
	if len(formats) == 0 {
		formats = []string{"tty"}
		if e.getenv("GITHUB_ACTIONS") == "true" {
			formats = []string{"github"}
		}
	}
	if len(files) > len(formats) {
		return nil, fmt.Errorf("%d --output given for %d --format: each --output goes with the --format in the same position", len(files), len(formats))
	}
	var outs []report.Output
	toStdout := 0
	for i, spec := range formats {
		o := report.Output{Format: spec}
		if name, file, ok := strings.Cut(spec, ":"); ok {
			o.Format, o.File = name, file
		}
		if i < len(files) {
			if o.File != "" {
				return nil, fmt.Errorf("--format %s names a file and --output gives another", spec)
			}
			o.File = files[i]
		}
		if !slices.Contains(report.Formats(), o.Format) {
			return nil, fmt.Errorf("--format %s: unknown format (formats: %s)", o.Format, strings.Join(report.Formats(), ", "))
		}
		if o.File == "-" {
			o.File = ""
		}
		if o.File == "" {
			toStdout++
		}
		outs = append(outs, o)
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can write to stdout; give the others an --output file")
	}
	return outs, nil
}
