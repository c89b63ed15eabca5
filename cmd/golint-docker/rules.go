package main

import (
	"context"
	"fmt"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/ruledoc"
)

const rulesUsage = `Usage: golint-docker rules [flags] [ID|NAME...]

Lists the rules (built-in, from --policy directories, and BuildKit's checks),
or explains the named ones. --format markdown writes the rules reference
(docs/rules.md).

Flags:
`

func runRules(_ context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker rules")
	policyDirs := fs.StringArray("policy", nil, "also list the rules in this Rego `dir` (repeatable)")
	format := fs.String("format", "text", "`format`: text or markdown")
	if code, done := parse(fs, args, e, rulesUsage); done {
		return code
	}
	if *format != "text" && *format != "markdown" {
		return usageError(e, fs.Name(), fmt.Errorf("--format %q: want text or markdown", *format))
	}
	rules, err := app.AllRules(*policyDirs)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	if fs.NArg() > 0 {
		var picked []finding.Rule
		for _, want := range fs.Args() {
			r, ok := app.FindRule(rules, want)
			if !ok {
				return usageError(e, fs.Name(), fmt.Errorf("no rule %q (golint-docker rules lists them)", want))
			}
			picked = append(picked, r)
		}
		rules = picked
	}
	switch {
	case *format == "markdown":
		ruledoc.Markdown(e.stdout, rules)
	case fs.NArg() > 0:
		for i, r := range rules {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			ruledoc.Explain(e.stdout, r)
		}
	default:
		ruledoc.List(e.stdout, rules)
	}
	return app.ExitOK
}
