package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"
	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/opaclient"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/report"
)

const usage = `Usage: golint-docker [flags] [PATH...]

Lints Dockerfiles of Go services. A PATH is a Dockerfile, a directory (searched
for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile; .git, vendor and
node_modules are skipped) or - for standard input. No PATH means ./Dockerfile.

Exit status: 0 nothing at or above --failure-threshold, 1 findings at or above
it, 2 bad usage or a file that could not be read or parsed (2 wins over 1).

Other commands:
  golint-docker input [flags] PATH   print the input document the rules read
  golint-docker rules [ID|NAME]      list the rules, or explain one
  golint-docker version

Flags:
`

// lintFlags are the flags shared by lint and input.
type lintFlags struct {
	buildArgs   []string
	target      string
	contextDir  string
	maxFileSize int64
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	fs.StringArrayVar(&f.buildArgs, "build-arg", nil, "set a build-time variable, as docker build does (`NAME=VALUE`; repeatable)")
	fs.StringVar(&f.target, "target", "", "lint as if building this `stage` (docker build --target)")
	fs.StringVar(&f.contextDir, "context", "", "build context `dir` (default: the nearest directory, from the Dockerfile's up to the repository root, holding what it copies; unknown if none)")
	fs.Int64Var(&f.maxFileSize, "max-file-size", limits.DefaultMaxFileSize, "skip (with an error) Dockerfiles larger than this many `bytes`")
}

func (f *lintFlags) options() (lint.Options, error) {
	opt := lint.Options{Target: f.target, ContextDir: f.contextDir, MaxFileSize: f.maxFileSize}
	if f.maxFileSize <= 0 {
		return opt, fmt.Errorf("--max-file-size must be positive")
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
			return opt, fmt.Errorf("--context %s: %w", f.contextDir, unwrapPath(err))
		}
		if !st.IsDir() {
			return opt, fmt.Errorf("--context %s: not a directory", f.contextDir)
		}
	}
	return opt, nil
}

func runLint(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("golint-docker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, usage)
		fs.PrintDefaults()
	}
	var lf lintFlags
	lf.register(fs)
	formats := fs.StringArray("format", nil, "output `format`: "+strings.Join(report.Formats(), ", ")+" (repeatable; NAME:FILE writes to FILE; default tty, or github under GitHub Actions)")
	outputs := fs.StringArray("output", nil, "write the i-th --format to this `file` instead of stdout (repeatable)")
	threshold := fs.String("failure-threshold", "warning", "exit 1 when a finding is at least this `severity`: error, warning, info or none")
	color := fs.String("color", "auto", "colour the tty format: auto, always or never (auto respects NO_COLOR)")
	noColor := fs.Bool("no-color", false, "same as --color=never")
	var eo engineOptions
	fs.StringArrayVar(&eo.policyDirs, "policy", nil, "also evaluate the Rego rules in this `dir` (repeatable)")
	fs.BoolVar(&eo.allowNet, "allow-net", false, "let policies use the network and the environment (http.send, net.lookup_ip_addr, opa.runtime)")
	fs.DurationVar(&eo.timeout.Limit, "timeout", limits.DefaultTimeout, "give up on a file whose rules take longer than this (the default grows with files over 1 MB: 10s per MB)")
	fs.Uint64Var(&eo.maxHeapMiB, "max-memory", limits.DefaultMaxHeap>>20, "stop rules that grow the heap past this many `MiB` (the default grows with files over 1 MB: 1024 MiB per MB)")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "lint this many files at once")
	configPath := fs.String("config", "", "read this configuration `file` (default: .golint-docker.yaml in the working directory or a parent, up to the repository root)")
	ignore := fs.StringArray("ignore", nil, "turn off a rule, by `ID` or name (repeatable; adds to the configuration's ignore list)")
	severities := fs.StringArray("severity", nil, "override a rule's severity: `ID=level` (repeatable; wins over the configuration)")
	buildkit := fs.Bool("buildkit-checks", true, "also run BuildKit's own checks (docker build --check); --buildkit-checks=false turns them off")
	opaURL := fs.String("opa-url", "", "evaluate the rules on this OPA server (`URL`, serving a golint-docker bundle) instead of the embedded ones")
	trusted := fs.StringArray("trusted-registry", nil, "allow base images only from this `registry` or repository prefix (repeatable; replaces the configuration's list)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	eo.timeout.Grow, eo.growHeap = !fs.Changed("timeout"), !fs.Changed("max-memory")
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "golint-docker: "+format+"\n", a...)
		return exitError
	}
	opt, err := lf.options()
	if err != nil {
		return fail("%v", err)
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail("%v", err)
	}
	// Precedence: command line, then the configuration file, then defaults.
	if !fs.Changed("failure-threshold") && cfg.FailureThreshold != "" {
		*threshold = cfg.FailureThreshold
	}
	type sevOverride struct {
		rule string
		sev  finding.Severity
	}
	var overrides []sevOverride
	for k, v := range cfg.Severity {
		overrides = append(overrides, sevOverride{k, v})
	}
	sort.Slice(overrides, func(i, j int) bool { return overrides[i].rule < overrides[j].rule })
	for _, kv := range *severities {
		k, v, ok := strings.Cut(kv, "=")
		sev, err := finding.ParseSeverity(v)
		if !ok || k == "" || err != nil {
			return fail("--severity %q: want ID=error|warning|info", kv)
		}
		overrides = append(overrides, sevOverride{k, sev})
	}
	eo.policyDirs = append(append([]string{}, cfg.Policies...), eo.policyDirs...)
	registries := cfg.TrustedRegistries
	if fs.Changed("trusted-registry") {
		registries = *trusted
	}
	eo.data = engineData(cfg.Data, registries)
	thr, err := parseThreshold(*threshold)
	if err != nil {
		return fail("--failure-threshold: %v", err)
	}
	if *noColor {
		*color = "never"
	}
	useColor, err := wantColor(*color, e)
	if err != nil {
		return fail("%v", err)
	}
	if *jobs < 1 {
		return fail("--jobs must be at least 1")
	}
	if len(*formats) == 0 {
		if e.getenv("GITHUB_ACTIONS") == "true" {
			*formats = []string{"github"}
		} else {
			*formats = []string{"tty"}
		}
	}
	outs, err := planOutputs(*formats, *outputs)
	if err != nil {
		return fail("%v", err)
	}

	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"Dockerfile"}
	}
	files, problems := discover.Files(paths)

	var eval lint.Evaluator
	var rules []finding.Rule
	if *opaURL != "" {
		// The server holds the policy; local rules only document the findings.
		if rules, err = loadRules(eo); err != nil {
			return fail("%v", err)
		}
		c, err := opaclient.New(*opaURL, eo.timeout, rules)
		if err != nil {
			return fail("%v", err)
		}
		eval = c
	} else {
		eng, err := newEngine(ctx, eo)
		if err != nil {
			return fail("%v", err)
		}
		eval, rules = eng, eng.Rules
	}
	if !fs.Changed("buildkit-checks") && cfg.BuildKitChecks != nil {
		*buildkit = *cfg.BuildKitChecks
	}
	opt.BuildKitChecks = *buildkit
	opt.BuildKitTimeout = eo.timeout
	if *buildkit {
		rules = append(rules, bkcheck.Rules()...)
	}
	tool := report.Tool{Name: "golint-docker", Version: version, InformationURI: "https://github.com/golint-docker/golint-docker", Rules: rules}

	// Rules are named by id or name in the file and on the command line;
	// settle each on the rule's id so that the command line wins over the
	// file whichever form either uses. Unknown names are probably typos.
	canon := func(where, r string) string {
		if rule, ok := findRule(rules, r); ok {
			return rule.ID
		}
		fmt.Fprintf(e.stderr, "golint-docker: %s: no rule %q (golint-docker rules lists them)\n", where, r)
		return r
	}
	for _, r := range cfg.Ignore {
		opt.Ignore = append(opt.Ignore, canon(cfg.Path+": ignore", r))
	}
	for _, r := range *ignore {
		opt.Ignore = append(opt.Ignore, canon("--ignore", r))
	}
	opt.Severity = map[string]finding.Severity{}
	for _, o := range overrides {
		opt.Severity[canon("severity", o.rule)] = o.sev
	}

	writers, closeAll, err := openOutputs(outs, e.stdout, tool, report.Options{Color: useColor, Threshold: thr.sev})
	if err != nil {
		return fail("%v", err)
	}
	sum := report.Summary{Findings: map[finding.Severity]int{}}
	code := exitOK
	emit := func(r report.Result) {
		sum.Files++
		if r.Err != nil {
			sum.Failed++
			code = exitError
		}
		for _, f := range r.Findings {
			sum.Findings[f.Severity]++
			if !thr.none && f.Severity >= thr.sev && code == exitOK {
				code = exitFindings
			}
		}
		for _, w := range writers {
			if err := w.Write(r); err != nil {
				fmt.Fprintf(e.stderr, "golint-docker: writing results: %v\n", err)
				code = exitError
			}
		}
	}
	for _, p := range problems {
		emit(report.Result{File: p.Path, Err: &report.FileError{File: p.Path, Msg: p.Err.Error()}})
	}
	l := lint.New(eval, opt)
	lint.Each(files, *jobs, func(path string) lint.Result {
		return l.File(ctx, path, e.stdin)
	}, func(r lint.Result) {
		for _, n := range r.Notes {
			fmt.Fprintf(e.stderr, "golint-docker: %s: %s\n", display(r.File), n)
		}
		emit(toReport(r))
	})
	if err := closeAll(sum); err != nil {
		fmt.Fprintf(e.stderr, "golint-docker: %v\n", err)
		return exitError
	}
	return code
}

// loadConfig reads --config, or the file found from the working directory up.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		found, err := config.Find(".")
		if err != nil {
			return nil, err
		}
		if found == "" {
			return &config.Config{}, nil
		}
		path = found
	}
	return config.Load(path)
}

// engineData places the configuration's data and trusted registries where
// the rules read them: data.golintdocker.
func engineData(data map[string]any, registries []string) map[string]any {
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
		if cfg == nil {
			cfg = map[string]any{}
		}
		cfg["trusted_registries"] = list
		gd["config"] = cfg
	}
	return map[string]any{"golintdocker": gd}
}

// toReport converts a lint result, turning errors into one-line messages
// with the line where there is one.
func toReport(r lint.Result) report.Result {
	out := report.Result{File: display(r.File), Findings: r.Findings, Lines: r.Lines, Notes: r.Notes}
	for i := range out.Findings {
		out.Findings[i].File = display(out.Findings[i].File)
	}
	if r.Err != nil {
		fe := &report.FileError{File: display(r.File), Msg: r.Err.Error()}
		var pe *parse.Error
		if errors.As(r.Err, &pe) {
			fe.Line, fe.Msg = pe.Line, pe.Msg
		} else {
			fe.Msg = strings.TrimPrefix(fe.Msg, r.File+": ")
		}
		out.Err = fe
	}
	return out
}

// display names standard input in messages.
func display(p string) string {
	if p == lint.Stdin {
		return "<stdin>"
	}
	return p
}

type threshold struct {
	sev  finding.Severity
	none bool
}

func parseThreshold(s string) (threshold, error) {
	if s == "none" || s == "never" {
		return threshold{none: true}, nil
	}
	sev, err := finding.ParseSeverity(s)
	return threshold{sev: sev}, err
}

func wantColor(mode string, e env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		if e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
			return false, nil
		}
		return e.isTerminal != nil && e.isTerminal(), nil
	}
	return false, fmt.Errorf("--color %q: want auto, always or never", mode)
}

func stdoutIsTerminal() bool {
	return isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
}

// output is one requested format and where it goes ("" = stdout).
type output struct {
	format string
	file   string
}

func planOutputs(formats, files []string) ([]output, error) {
	if len(files) > len(formats) {
		return nil, fmt.Errorf("%d --output given for %d --format: each --output goes with the --format in the same position", len(files), len(formats))
	}
	valid := map[string]bool{}
	for _, f := range report.Formats() {
		valid[f] = true
	}
	var outs []output
	toStdout := 0
	for i, f := range formats {
		o := output{format: f}
		if name, file, ok := strings.Cut(f, ":"); ok {
			o.format, o.file = name, file
		}
		if i < len(files) {
			if o.file != "" {
				return nil, fmt.Errorf("--format %s names a file and --output gives another", f)
			}
			o.file = files[i]
		}
		if !valid[o.format] {
			return nil, fmt.Errorf("unknown format %q (formats: %s)", o.format, strings.Join(report.Formats(), ", "))
		}
		if o.file == "" || o.file == "-" {
			o.file = ""
			toStdout++
		}
		outs = append(outs, o)
	}
	if toStdout > 1 {
		return nil, fmt.Errorf("only one --format can write to stdout; give the others an --output file")
	}
	return outs, nil
}

// openOutputs makes a writer per output. Files are written atomically: to a
// temporary file beside the target, renamed over it only when complete.
func openOutputs(outs []output, stdout io.Writer, tool report.Tool, opt report.Options) ([]report.Writer, func(report.Summary) error, error) {
	var writers []report.Writer
	var files []*atomicFile
	for _, o := range outs {
		w := stdout
		wopt := opt
		if o.file != "" {
			af, err := createAtomic(o.file)
			if err != nil {
				for _, f := range files {
					f.abort()
				}
				return nil, nil, err
			}
			files = append(files, af)
			w = af
			wopt.Color = false
		}
		rw, err := report.New(o.format, w, tool, wopt)
		if err != nil {
			return nil, nil, err
		}
		writers = append(writers, rw)
	}
	closeAll := func(s report.Summary) error {
		var errs []error
		for _, w := range writers {
			if err := w.Close(s); err != nil {
				errs = append(errs, err)
			}
		}
		for _, f := range files {
			if len(errs) > 0 {
				f.abort()
				continue
			}
			if err := f.commit(); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}
	return writers, closeAll, nil
}

type atomicFile struct {
	*os.File
	target string
	direct bool // a device or pipe (/dev/null, /dev/stdout): written in place
}

func createAtomic(target string) (*atomicFile, error) {
	if st, err := os.Stat(target); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("--output %s: %w", target, unwrapPath(err))
		}
		return &atomicFile{File: f, target: target, direct: true}, nil
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("--output %s: %w", target, unwrapPath(err))
	}
	return &atomicFile{File: f, target: target}, nil
}

func (a *atomicFile) commit() error {
	if a.direct {
		return a.Close()
	}
	if err := a.Sync(); err != nil {
		a.abort()
		return fmt.Errorf("--output %s: %w", a.target, err)
	}
	if err := a.Close(); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("--output %s: %w", a.target, err)
	}
	if err := os.Chmod(a.Name(), 0o644); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("--output %s: %w", a.target, err)
	}
	if err := os.Rename(a.Name(), a.target); err != nil {
		os.Remove(a.Name())
		return fmt.Errorf("--output %s: %w", a.target, unwrapPath(err))
	}
	return nil
}

func (a *atomicFile) abort() {
	a.Close()
	if !a.direct {
		os.Remove(a.Name())
	}
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
