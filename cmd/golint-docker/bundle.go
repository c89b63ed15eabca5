package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/report"
)

const bundleUsage = `Usage: golint-docker bundle -o FILE.tar.gz [--policy DIR]... [--enable RULE]...

Writes the built-in rules, their data and metadata, plus any --policy
directories (and the configuration's policies, data and enable:), as a
standard OPA bundle. Serve it with a stock OPA and query
data.golintdocker.findings:
  opa run --server --bundle FILE.tar.gz
  golint-docker --opa-url http://localhost:8181 Dockerfile
Rules that are off by default run on the server when the bundle's data turns
them on (--enable here writes data.golintdocker.options.<rule>.enabled).

Flags:
`

func runBundle(ctx context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker bundle")
	out := fs.StringP("output", "o", "", "write the bundle to this `file` (.tar.gz)")
	policyDirs := fs.StringArray("policy", nil, "include the Rego rules in this `dir` (repeatable)")
	enable := fs.StringSlice("enable", nil, "turn on these rules that are off by default in the bundle's data, by `ID` or name (repeatable, comma-separated; adds to the configuration's enable:)")
	configFile := fs.String("config", "", "configuration `file` whose policies and data to include (default: the one of the working directory, found as for linting)")
	if code, done := parse(fs, args, e, bundleUsage); done {
		return code
	}
	if *out == "" || fs.NArg() > 0 {
		return usageError(e, fs.Name(), errors.New("give the output file with -o FILE.tar.gz (and no other arguments)"))
	}
	n, err := writeBundle(ctx, *out, *configFile, *policyDirs, *enable)
	if err != nil {
		msg := err.Error()
		if h := hint(err); h != "" {
			msg += " " + h
		}
		fmt.Fprintf(e.stderr, "%s: %s\n", fs.Name(), msg)
		return app.ExitError
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d rules\n", *out, n)
	return app.ExitOK
}

// writeBundle writes the bundle and returns how many rules it holds.
func writeBundle(ctx context.Context, out, configFile string, policyDirs, enable []string) (int, error) {
	if configFile == "" {
		found, err := config.DefaultFinder().Find(".")
		if err != nil {
			return 0, err
		}
		configFile = found
	}
	cfg := &config.Config{}
	if configFile != "" {
		var err error
		if cfg, err = config.Load(configFile); err != nil {
			return 0, err
		}
	}
	loaded, err := app.LoadPolicies(append(append([]string{}, cfg.Policies...), policyDirs...))
	if err != nil {
		return 0, err
	}
	// Compile once so that a broken policy fails here, not on the server.
	eng, err := policy.New(ctx, loaded, policy.Options{})
	if err != nil {
		return 0, err
	}
	eng.Close()
	// The configuration's data, trusted registries and enable: (the rules
	// it turns on) go into the bundle's data.
	data, err := app.BundleData(cfg, loaded.Rules, enable)
	if err != nil {
		return 0, err
	}
	f, err := report.CreateAtomic(out)
	if err != nil {
		return 0, err
	}
	if err := loaded.Bundle(f, buildVersion(), data); err != nil {
		f.Abort()
		return 0, err
	}
	return len(loaded.Rules), f.Commit()
}
