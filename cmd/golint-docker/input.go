package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/policies"
)

const inputUsage = `Usage: golint-docker input [flags] PATH

Prints the input document golint-docker builds from a Dockerfile (PATH, or -
for standard input): the JSON every rule reads. docs/input.schema.json is its
JSON Schema; README.md ("The input document") describes it. Pipe it to a
stock OPA:
  golint-docker input Dockerfile | opa eval -d policies -I data.golintdocker.findings

Flags:
`

func runInput(_ context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker input")
	var f docFlags
	f.register(fs)
	if code, done := parse(fs, args, e, inputUsage); done {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(e, fs.Name(), fmt.Errorf("give exactly one Dockerfile (or - for stdin); got %d", fs.NArg()))
	}
	opt, err := f.options()
	if err != nil {
		return usageError(e, fs.Name(), err)
	}
	// The image facts of the built-in data.
	if opt.Facts, err = policies.Facts(); err != nil {
		fmt.Fprintf(e.stderr, "golint-docker: %v\n", err)
		return app.ExitError
	}
	doc, err := lint.New(nil, opt).ReadDocument(fs.Arg(0), e.stdin)
	if err != nil {
		msg := err.Error()
		if h := hint(err); h != "" {
			msg += " " + h
		}
		fmt.Fprintf(e.stderr, "golint-docker: %s\n", msg)
		return app.ExitError
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	return app.ExitOK
}
