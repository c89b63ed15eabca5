// Command golint-docker lints Dockerfiles of Go services against a guide of
// Go container best practice.
//
//	golint-docker [flags] [PATH...]      lint files and directories ("-" is stdin)
//	golint-docker input [flags] PATH     print the input document the rules read
//	golint-docker rules [ID|NAME...]     list the rules, or explain some
//	golint-docker bundle -o FILE.tar.gz  write the rules as an OPA bundle
//	golint-docker init [flags] [DIR]     write a Dockerfile and .dockerignore for a Go module
//	golint-docker lsp                    serve an editor over the Language Server Protocol (stdio)
//	golint-docker cache clean|dir        empty the result cache, or print where it is
//	golint-docker version                print the version (also --version, -v)
//	golint-docker help [COMMAND]         print the help of the command
//
// The command parses flags and exits; pkg/app does the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	"github.com/golint-docker/golint-docker/pkg/app"
	dfparse "github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

// graceAfterSignal is how long a run has to stop cleanly after SIGINT or
// SIGTERM before the process ends anyway (a second signal ends it at once).
const graceAfterSignal = 5 * time.Second

func main() {
	if policy.IsWorker() {
		// A sandbox for --policy rules, started by golint-docker itself.
		os.Exit(policy.RunWorker(os.Stdin, os.Stdout))
	}
	// BuildKit's shell lexer prints a line to stderr for every byte that is
	// not UTF-8; the file gets one note instead.
	stopFilter := dfparse.FilterStderr()
	ctx, cancel := context.WithCancelCause(context.Background())
	var aborts abortList
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		cancel(interrupted{sig})
		select {
		case <-sigs:
		case <-time.After(graceAfterSignal):
		}
		aborts.run()
		os.Exit(signalCode(sig))
	}()
	raiseFirstGCGoal(os.Getenv)
	stopProfile := profile(os.Getenv("GOLINT_DOCKER_CPUPROFILE"))
	stopMemProfile := memProfile(os.Getenv("GOLINT_DOCKER_MEMPROFILE"))
	code := run(ctx, os.Args[1:], env{
		stdin:      os.Stdin,
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		getenv:     os.Getenv,
		isTerminal: stdoutIsTerminal,
		onAbort:    aborts.add,
	})
	stopProfile()
	stopMemProfile()
	stopFilter()
	var sig interrupted
	if errors.As(context.Cause(ctx), &sig) {
		code = signalCode(sig.Signal)
	}
	os.Exit(code)
}

// interrupted is the cause of a run cancelled by a signal.
type interrupted struct{ os.Signal }

func (i interrupted) Error() string { return "interrupted by " + i.String() }

// signalCode is the shell's exit status for a process ended by sig: 130
// for SIGINT, 143 for SIGTERM.
func signalCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// abortList holds what removes a run's temporary files, for a process that
// ends before the run does.
type abortList struct {
	mu  sync.Mutex
	fns []func()
}

func (a *abortList) add(fn func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.fns = append(a.fns, fn)
}

func (a *abortList) run() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, fn := range a.fns {
		fn()
	}
}

// profile writes a CPU profile of the run to path, when set: for
// docs/performance.md, where start-up and throughput are measured.
func profile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "golint-docker: GOLINT_DOCKER_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "golint-docker: GOLINT_DOCKER_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// env is what a run may touch of the process, so tests can give their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// isTerminal reports whether stdout is a terminal (nil: never).
	isTerminal func() bool
	// onAbort, when set, is given what removes the run's temporary files.
	onAbort func(func())
}

func (e env) io() app.IO {
	return app.IO{Stdin: e.stdin, Stdout: e.stdout, Stderr: e.stderr, OnAbort: e.onAbort}
}

// command is a subcommand; lint is the default command and has none.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, e env) int
}

func commands() []command {
	return []command{
		{"input", "print the input document the rules read", runInput},
		{"rules", "list the rules, or explain some", runRules},
		{"bundle", "write the rules as an OPA bundle", runBundle},
		{"init", "write a Dockerfile and .dockerignore for a Go module", runInit},
		{"lsp", "serve diagnostics, fixes and rule docs to an editor (Language Server Protocol on stdio)", runLSP},
		{"cache", "empty the result cache, or say where it is", runCache},
		{"version", "print the version (also --version, -v)", runVersion},
		{"help", "print the help of a command", runHelp},
	}
}

func run(ctx context.Context, args []string, e env) (code int) {
	defer func() {
		// Never a stack trace: an unexpected failure is one line and exit 2.
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "golint-docker: internal error (please report it): %v\n", r)
			code = app.ExitError
		}
	}()
	if len(args) > 0 {
		for _, c := range commands() {
			if args[0] == c.name {
				return c.run(ctx, args[1:], e)
			}
		}
		if err := unknownCommand(args[0]); err != nil {
			return usageError(e, "golint-docker", err)
		}
	}
	return runLint(ctx, args, e)
}

func runVersion(_ context.Context, args []string, e env) int {
	if len(args) > 0 {
		return usageError(e, "golint-docker version", fmt.Errorf("takes no arguments (got %q)", args[0]))
	}
	fmt.Fprintf(e.stdout, "golint-docker %s\n", buildVersion())
	return app.ExitOK
}

func runHelp(ctx context.Context, args []string, e env) int {
	if len(args) == 0 || args[0] == "help" {
		return runLint(ctx, []string{"--help"}, e)
	}
	for _, c := range commands() {
		if args[0] == c.name && c.name != "version" {
			return c.run(ctx, []string{"--help"}, e)
		}
	}
	if args[0] == "version" {
		fmt.Fprintln(e.stdout, "Usage: golint-docker version\n\nPrints the version (also golint-docker --version, -v).")
		return app.ExitOK
	}
	return usageError(e, "golint-docker help", fmt.Errorf("unknown command %q%s", args[0], suggestCommand(args[0])))
}
