package main

import (
	"context"
	"fmt"
	"io"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/lsp"
)

const lspUsage = `Usage: golint-docker lsp [flags]

Serves golint-docker to an editor over the Language Server Protocol on
standard input and output: diagnostics as you type, each finding's fix as a
code action (and "fix all safe problems"), the rule's documentation on
hover. Each Dockerfile gets the configuration file that applies to it; the
flags are the lint command's that choose the rules and their settings, and
win over the configuration as they do there. The README shows how to set it
up in VS Code, Neovim and Helix.

Flags:
`

// stdio is the server's stream: requests on stdin, responses on stdout.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

func runLSP(ctx context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker lsp")
	var f lintFlags
	f.register(fs)
	if code, done := parse(fs, args, e, lspUsage); done {
		return code
	}
	for _, name := range []string{"format", "output", "fix", "diff", "unsafe-fixes", "stdin-filename", "failure-threshold", "version"} {
		if fs.Changed(name) {
			return usageError(e, fs.Name(), fmt.Errorf("--%s does not apply: the editor shows the findings and applies the fixes", name))
		}
	}
	if fs.NArg() > 0 {
		return usageError(e, fs.Name(), fmt.Errorf("takes no paths (got %q): the editor names the files", fs.Arg(0)))
	}
	var paths []string
	s, err := f.settings(fs, e, &paths)
	if err != nil {
		return usageError(e, fs.Name(), err)
	}
	ok := lsp.Serve(ctx, stdio{e.stdin, e.stdout}, lsp.Options{
		Session: app.NewSession(s, e.stderr), Name: "golint-docker", Version: buildVersion(), Log: e.stderr,
	})
	if !ok {
		return 1
	}
	return app.ExitOK
}
