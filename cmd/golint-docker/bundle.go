package main

import (
	"context"
	"errors"
	"fmt"

	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

const bundleUsage = `Usage: golint-docker bundle -o FILE.tar.gz [--policy DIR]...

Writes the built-in rules, their data and metadata, plus any --policy
directories (and the configuration's policies and data), as a standard OPA
bundle. Serve it with a stock OPA and query data.golintdocker.findings:
  opa run --server --bundle FILE.tar.gz
  golint-docker --opa-url http://localhost:8181 Dockerfile

Flags:
`

func runBundle(ctx context.Context, args []string, e env) int {
	fs := flag.NewFlagSet("golint-docker bundle", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, bundleUsage)
		fs.PrintDefaults()
	}
	out := fs.StringP("output", "o", "", "write the bundle to this `file` (.tar.gz)")
	var eo engineOptions
	fs.StringArrayVar(&eo.policyDirs, "policy", nil, "include the Rego rules in this `dir` (repeatable)")
	configPath := fs.String("config", "", "configuration `file` whose policies and data to include (default: found as for linting)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "golint-docker bundle: "+format+"\n", a...)
		return exitError
	}
	if *out == "" || fs.NArg() > 0 {
		return fail("give the output file with -o FILE.tar.gz (and no other arguments)")
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail("%v", err)
	}
	eo.policyDirs = append(append([]string{}, cfg.Policies...), eo.policyDirs...)
	srcs, err := eo.sources()
	if err != nil {
		return fail("%v", err)
	}
	loaded, err := policy.Load(srcs, false)
	if err != nil {
		return fail("%v", err)
	}
	// Compile once so that a broken policy fails here, not on the server.
	if _, err := policy.New(ctx, loaded, policy.Options{}); err != nil {
		return fail("%v", err)
	}
	f, err := createAtomic(*out)
	if err != nil {
		return fail("%v", err)
	}
	if err := loaded.Bundle(f, version, engineData(cfg.Data, cfg.TrustedRegistries)); err != nil {
		f.abort()
		return fail("%v", err)
	}
	if err := f.commit(); err != nil {
		return fail("%v", err)
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d rules\n", *out, len(loaded.Rules))
	return exitOK
}
