// Package bkcheck runs BuildKit's built-in Dockerfile checks (the ones behind
// `docker build --check`) in process, with no daemon and no network.
//
// It calls BuildKit's own entry point for those checks,
// dockerfile2llb.DockerfileLint, the function the Dockerfile frontend runs for
// the "frontend.lint" subrequest, against an in-memory stand-in for the
// BuildKit daemon (see offline.go). The checks are therefore BuildKit's, of
// the version in go.mod, including how the file's `# check=` directive, the
// per-instruction `# check=` comments and the BUILDKIT_DOCKERFILE_CHECK build
// arg switch them on and off.
//
// Base images are never looked up: each resolves to an image config with no
// platform, so InvalidBaseImagePlatform never fires, and with only the
// environment Options.ImageEnv gives it (see Check).
//
// Not public API: golint-docker's bridge to BuildKit, free to change; other
// programs get BuildKit's findings through pkg/lint or pkg/app.
package bkcheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/subrequests/lint"
	"github.com/moby/buildkit/solver/pb"
)

// Options are what `docker build` would be told besides the Dockerfile.
type Options struct {
	// BuildArgs are the --build-arg values. BUILDKIT_DOCKERFILE_CHECK among
	// them replaces the file's own `# check=` directive, as in BuildKit.
	BuildArgs map[string]string
	// Target is the --target stage. Empty lints every stage, as
	// `docker build --check` does; a target lints that stage and the stages
	// it depends on.
	Target string
	// DockerIgnore holds the patterns of the build context's .dockerignore,
	// one per entry as in the file. Nil means unknown (or no .dockerignore):
	// CopyIgnoredFile then has nothing to check against.
	DockerIgnore []string
	// ImageEnv gives the environment (KEY=value) a base image defines, as its
	// image config would, for BuildKit's UndefinedVar check. It is called
	// with the normalised reference after build-arg expansion
	// ("docker.io/library/golang:1.23"), possibly from several goroutines at
	// once, and must not fetch anything; nil means DefaultImageEnv.
	ImageEnv func(ref string) []string

	// viaClient makes BuildKit go through the stand-in daemon even when it
	// need not (tests compare both ways).
	viaClient bool
}

// Error is a Dockerfile BuildKit cannot build, so the checks stopped early:
// golint-docker's file error (Line 0 when BuildKit gave no location) and
// the last line of the instruction.
type Error struct {
	finding.FileError
	EndLine int
}

// Check runs BuildKit's checks on the Dockerfile data, called name in
// messages, and returns what they find, sorted by line. Findings have no File;
// Line and EndLine are BuildKit's location, Message is BuildKit's message.
//
// When BuildKit cannot get through the file (a syntax error, stages that
// COPY --from each other, an empty file, ...) Check returns a *Error together
// with the findings made before BuildKit stopped, as `docker build --check`
// prints both. A bad Options value or a panic inside BuildKit also returns an
// error. `# check=error=true` does not make findings an error: golint-docker
// decides itself what fails a run.
//
// One such stop is not final: a FROM whose image comes from a global ARG
// without a value (ARG BASE ... FROM $BASE), which a build fills with
// --build-arg and BuildKit flags with InvalidDefaultArgInFrom. Check then runs
// the checks again with Placeholder for each global ARG that has no value and
// no build arg, and returns that run, so the rest of the file is checked too.
//
// A base image's metadata is never fetched, so it defines only the variables
// Options.ImageEnv gives it: UndefinedVar reports a variable that a base image
// defines and ImageEnv does not know (e.g. $APP_UID on .NET images with the
// default ImageEnv).
//
// BuildKit does not stop when ctx ends; Check does: it returns ctx's error
// and leaves BuildKit's goroutine to finish on its own.
func Check(ctx context.Context, name string, data []byte, opts Options) ([]finding.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type outcome struct {
		fs  []finding.Finding
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		fs, err := checkOnce(ctx, name, data, opts)
		done <- outcome{fs, err}
	}()
	select {
	case o := <-done:
		return o.fs, o.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// MaxInstructions is the most instructions worth handing to BuildKit's
// checks. Its dispatcher looks values up along a chain that grows with each
// instruction, so its time grows with the square of their number: on two
// cores 10,000 instructions take 0.5 s in one stage and 3.7 s as 5,000
// chained stages, 20,000 take 1.5 s and 16 s. Callers skip larger files.
const MaxInstructions = 5000

// checkOnce runs the checks, going on past the instructions BuildKit cannot
// build where that is safe (see continuePast).
func checkOnce(ctx context.Context, name string, data []byte, opts Options) ([]finding.Finding, error) {
	var all, stops []finding.Finding
	for {
		fs, err := runWithArgs(ctx, name, data, opts)
		all = append(all, fs...)
		var e *Error
		if !errors.As(err, &e) || e.Line == 0 || len(stops) == maxStops || ctx.Err() != nil {
			return toSorted(all, stops), err
		}
		if strings.HasPrefix(e.Msg, "dockerfile parse error") {
			// Not an instruction BuildKit cannot build: one it cannot read.
			return toSorted(all, stops), err
		}
		next, start, end, ok := continuePast(data, e.Line)
		if !ok {
			return toSorted(all, stops), err
		}
		stops = append(stops, e.finding(start, end, true))
		data = next
	}
}

// runWithArgs is one run of the checks, and a second one with placeholder
// values when the first stops at a FROM whose image is a build argument.
func runWithArgs(ctx context.Context, name string, data []byte, opts Options) ([]finding.Finding, error) {
	fs, err := run(ctx, name, data, opts)
	var e *Error
	if !errors.As(err, &e) || e.Line == 0 {
		return fs, err
	}
	// ARG BASE / FROM $BASE with the value left to --build-arg stops
	// BuildKit at that FROM (after InvalidDefaultArgInFrom has said so).
	// Check the rest of the file as a build given those args would.
	args := placeholderArgs(data, e.Line, opts.BuildArgs)
	if len(args) == 0 {
		return fs, err
	}
	retry := opts
	retry.BuildArgs = maps.Clone(opts.BuildArgs)
	if retry.BuildArgs == nil {
		retry.BuildArgs = map[string]string{}
	}
	for _, k := range args {
		retry.BuildArgs[k] = Placeholder
	}
	fs2, err2 := run(ctx, name, data, retry)
	var e2 *Error
	if err2 == nil || (errors.As(err2, &e2) && e2.Line > e.Line) {
		return fs2, err2
	}
	return fs, err
}

// Placeholder is the value Check gives a global ARG that has none when
// BuildKit stops at a FROM that uses it (see Check). It is valid anywhere in
// an image reference: registry, repository path or tag.
const Placeholder = "placeholder"

// placeholderArgs returns the global ARGs (declared before the first FROM)
// that have no value or an empty one, and no build arg either, when the
// instruction at line is a FROM.
func placeholderArgs(data []byte, line int, buildArgs map[string]string) (args []string) {
	defer func() {
		if recover() != nil {
			args = nil
		}
	}()
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	isFrom := false
	global := true
	for _, n := range res.AST.Children {
		switch strings.ToLower(n.Value) {
		case "from":
			global = false
			if n.StartLine == line {
				isFrom = true
			}
		case "arg":
			if !global {
				continue
			}
			cmd, err := instructions.ParseInstruction(n)
			if err != nil {
				continue
			}
			if ac, ok := cmd.(*instructions.ArgCommand); ok {
				for _, kv := range ac.Args {
					if _, given := buildArgs[kv.Key]; given {
						continue
					}
					if kv.Value == nil || *kv.Value == "" {
						args = append(args, kv.Key)
					}
				}
			}
		}
	}
	if !isFrom {
		return nil
	}
	return args
}

// run is one pass of BuildKit's checks.
func run(ctx context.Context, name string, data []byte, opts Options) (fs []finding.Finding, err error) {
	defer func() {
		if r := recover(); r != nil {
			fs, err = nil, &Error{FileError: finding.FileError{File: name, Msg: fmt.Sprintf("BuildKit's checks failed: %v", r)}}
		}
	}()

	bopts := map[string]string{}
	for k, v := range opts.BuildArgs {
		bopts["build-arg:"+k] = v
	}
	if opts.Target != "" {
		bopts["target"] = opts.Target
	}
	var dockerignore []byte
	if opts.DockerIgnore != nil {
		dockerignore = []byte(strings.Join(opts.DockerIgnore, "\n") + "\n")
	}
	res := localResolver{env: opts.ImageEnv}
	if res.env == nil {
		res.env = DefaultImageEnv
	}
	bc, err := clientFor(res, bopts, dockerignore, opts.ImageEnv == nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	copt := dockerfile2llb.ConvertOpt{
		Config:       bc.Config,
		Client:       bc,
		MetaResolver: res,
		SourceMap: &llb.SourceMap{
			Filename:   name,
			Language:   "Dockerfile",
			Data:       data,
			Definition: &llb.Definition{},
		},
	}
	if len(opts.DockerIgnore) == 0 && bc.LinterConfig == nil && !opts.viaClient {
		// The client is there to serve .dockerignore (through an LLB
		// state marshalled and solved only to read it) and the
		// BUILDKIT_DOCKERFILE_CHECK build arg. With neither, BuildKit
		// lints the same without it, and faster.
		copt.Client = nil
		caps := allCaps().llb
		copt.LLBCaps = &caps
	}
	lr, err := dockerfile2llb.DockerfileLint(ctx, data, copt)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	fs = toFindings(lr.Warnings)
	if lr.Error != nil && !isCheckErrorMode(lr.Error) {
		e := &Error{FileError: finding.FileError{File: name, Msg: lr.Error.Message}}
		e.Line, e.EndLine = lines(&lr.Error.Location)
		return fs, e
	}
	return fs, nil
}

// clients are the stand-in daemon's clients by what they are made of (the
// build options and the .dockerignore), with the default image resolver: a
// client reads .dockerignore once, through an LLB state marshalled and
// solved, and keeps its patterns, so the files of one build context pay for
// that once, not each. A client holds nothing of the files it lints.
var clients = struct {
	sync.Mutex
	m map[string]keptClient
}{m: map[string]keptClient{}}

type keptClient struct {
	bc *dockerui.Client
	gw *offlineGateway
}

// maxClients bounds clients: a run has one per build context and set of
// build args, rarely more than a few.
const maxClients = 64

// clientFor returns a client for these options, kept for the next files
// when keep says it can be (the resolver is the default one).
func clientFor(res localResolver, bopts map[string]string, dockerignore []byte, keep bool) (*dockerui.Client, error) {
	if !keep {
		return dockerui.NewClient(newOfflineGateway(res, bopts, dockerignore))
	}
	key := clientKey(bopts, dockerignore)
	clients.Lock()
	defer clients.Unlock()
	if c, ok := clients.m[key]; ok {
		return c.bc, nil
	}
	gw := newOfflineGateway(res, bopts, dockerignore)
	bc, err := dockerui.NewClient(gw)
	if err != nil {
		return nil, err
	}
	if len(clients.m) == maxClients {
		clear(clients.m)
	}
	clients.m[key] = keptClient{bc, gw}
	return bc, nil
}

func clientKey(bopts map[string]string, dockerignore []byte) string {
	var key strings.Builder
	for _, k := range slices.Sorted(maps.Keys(bopts)) {
		fmt.Fprintf(&key, "%q=%q\n", k, bopts[k])
	}
	if dockerignore != nil {
		key.WriteString("\x00")
		key.Write(dockerignore)
	}
	return key.String()
}

// isCheckErrorMode tells the error BuildKit raises after all checks have run
// when the Dockerfile asks for `# check=error=true` and some check fired
// (linter.Linter.Error). The findings already say it all, and golint-docker
// decides itself what fails a run, so Check does not return it.
func isCheckErrorMode(e *lint.BuildError) bool {
	return len(e.Location.GetRanges()) == 0 && strings.HasPrefix(e.Message, "lint violation found for rules: ")
}

// toFindings converts BuildKit's warnings, dropping exact repeats.
func toFindings(ws []lint.Warning) []finding.Finding {
	type key struct {
		rule, msg     string
		line, endLine int
	}
	seen := map[key]bool{}
	var fs []finding.Finding
	for _, w := range ws {
		line, endLine := lines(w.Location)
		k := key{w.RuleName, w.Detail, line, endLine}
		if seen[k] {
			continue
		}
		seen[k] = true
		f := finding.Finding{
			RuleID:   w.RuleName,
			RuleName: kebab(w.RuleName),
			Title:    firstSentence(w.Description),
			Severity: finding.Warning,
			Line:     line,
			EndLine:  endLine,
			Message:  w.Detail,
			HelpURI:  w.URL,
		}
		if ri, ok := ruleByName[w.RuleName]; ok {
			f.Title = firstSentence(ri.description)
			f.Fix = ri.fix
			f.HelpURI = ri.helpURI()
		}
		fs = append(fs, f)
	}
	finding.Sort(fs)
	return fs
}

// lines returns the first and last line of a BuildKit location (1-based), or
// zeros when it has none.
func lines(loc *pb.Location) (line, endLine int) {
	rs := slices.DeleteFunc(slices.Clone(loc.GetRanges()), func(r *pb.Range) bool { return r.GetStart() == nil })
	for i, r := range rs {
		s, e := int(r.GetStart().GetLine()), int(r.GetEnd().GetLine())
		if e < s {
			e = s
		}
		if i == 0 || s < line {
			line = s
		}
		endLine = max(endLine, e)
	}
	return line, endLine
}
