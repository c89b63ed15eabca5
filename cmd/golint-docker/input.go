package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

const inputUsage = `Usage: golint-docker input [flags] PATH

Prints the input document golint-docker builds from a Dockerfile (PATH, or -
for standard input): the JSON every rule reads, built as a lint run builds it
(the configuration that applies to PATH, its image facts, the build context,
--build-arg and --target). docs/input.schema.json is its JSON Schema;
README.md ("The input document") describes it. --data prints
{"input": ..., "data": ...} instead: the data document the rules read beside
it too (the shipped data with the configuration's data, trusted registries
and enabled rules over it). Pipe the document to a stock OPA:
  golint-docker input Dockerfile | opa eval -d policies -I data.golintdocker.findings

Flags:
`

// inputFlags are the input command's flags: the document's, and those of
// the configuration a lint run would use.
type inputFlags struct {
	doc                       docFlags
	configFile, stdinFilename string
	trusted, enable, policies []string
	data                      bool
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	f.doc.register(fs)
	fs.StringVar(&f.configFile, "config", "", "use this configuration `file` (default: the nearest .golint-docker.yaml above PATH, as for linting)")
	fs.StringArrayVar(&f.policies, "policy", nil, "also load the Rego rules in this `dir`, for their data (repeatable)")
	fs.StringArrayVar(&f.trusted, "trusted-registry", nil, "as for linting: data.golintdocker.config.trusted_registries (repeatable; replaces the configuration's list)")
	fs.StringSliceVar(&f.enable, "enable", nil, "as for linting: turn on rules that are off by default, in the data (repeatable, comma-separated)")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "the `path` of the Dockerfile read from standard input: its name, build context and configuration")
	fs.BoolVar(&f.data, "data", false, `print {"input": DOCUMENT, "data": DATA}: the data the rules read too`)
}

func runInput(ctx context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker input")
	var f inputFlags
	f.register(fs)
	if code, done := parse(fs, args, e, inputUsage); done {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(e, fs.Name(), fmt.Errorf("give exactly one Dockerfile (or - for stdin); got %d", fs.NArg()))
	}
	opt, err := f.doc.options()
	if err == nil && f.stdinFilename != "" && fs.Arg(0) != lint.Stdin {
		err = errors.New("--stdin-filename names standard input, but PATH is not -")
	}
	if err != nil {
		return usageError(e, fs.Name(), err)
	}
	s := app.Settings{
		BuildArgs: opt.BuildArgs, Target: opt.Target, ContextDir: opt.ContextDir,
		StdinFilename: f.stdinFilename, ConfigFile: f.configFile,
		Enable: f.enable, PolicyDirs: f.policies, Limits: app.DefaultLimits(),
	}
	s.Limits.MaxFileSize = opt.MaxFileSize
	if fs.Changed("trusted-registry") {
		s.TrustedRegistries = f.trusted
	}
	in, err := app.ReadInput(ctx, s, fs.Arg(0), e.stdin)
	if err != nil {
		msg := err.Error()
		if h := hint(err); h != "" {
			msg += " " + h
		}
		fmt.Fprintf(e.stderr, "golint-docker: %s\n", msg)
		return app.ExitError
	}
	for _, p := range in.Problems {
		fmt.Fprintf(e.stderr, "golint-docker: %s\n", p)
	}
	var out any = in.Document
	if f.data {
		out = map[string]any{"input": in.Document, "data": in.Data}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	return app.ExitOK
}
