package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/lint"
)

const inputUsage = `Usage: golint-docker input [flags] PATH

Prints the input document golint-docker builds from a Dockerfile: the JSON
every rule reads (docs/input.md describes it). Pipe it to a stock OPA:
  golint-docker input Dockerfile | opa eval -d policies -I data.golintdocker.findings

Flags:
`

func runInput(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("golint-docker input", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, inputUsage)
		fs.PrintDefaults()
	}
	var lf lintFlags
	lf.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "golint-docker input: give exactly one Dockerfile (or - for stdin)")
		return exitError
	}
	opt, err := lf.options()
	if err != nil {
		fmt.Fprintf(e.stderr, "golint-docker input: %v\n", err)
		return exitError
	}
	path := fs.Arg(0)
	doc, err := lint.New(nil, opt).ReadDocument(path, e.stdin)
	if err != nil {
		fmt.Fprintf(e.stderr, "golint-docker: %v\n", err)
		return exitError
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		fmt.Fprintf(e.stderr, "golint-docker input: %v\n", err)
		return exitError
	}
	return exitOK
}
