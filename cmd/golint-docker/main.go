// Command golint-docker lints Dockerfiles of Go services against a guide of
// Go container best practice.
//
//	golint-docker [flags] [PATH...]      lint files and directories ("-" is stdin)
//	golint-docker input [flags] PATH     print the input document the rules read
//	golint-docker rules [ID|NAME]        list the rules, or explain one
//	golint-docker bundle -o FILE.tar.gz  write the rules as an OPA bundle
//	golint-docker version
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	stopProfile := profile(os.Getenv("GOLINT_DOCKER_CPUPROFILE"))
	code := run(ctx, os.Args[1:], env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
	})
	stopProfile()
	stop()
	os.Exit(code)
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
}

func run(ctx context.Context, args []string, e env) (code int) {
	defer func() {
		// Never a stack trace: an unexpected failure is one line and exit 2.
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "golint-docker: internal error (please report it): %v\n", r)
			code = exitError
		}
	}()
	if len(args) > 0 {
		switch args[0] {
		case "input":
			return runInput(ctx, args[1:], e)
		case "rules":
			return runRules(ctx, args[1:], e)
		case "bundle":
			return runBundle(ctx, args[1:], e)
		case "version":
			fmt.Fprintf(e.stdout, "golint-docker %s\n", version)
			return exitOK
		case "help":
			return runLint(ctx, []string{"--help"}, e)
		}
	}
	return runLint(ctx, args, e)
}
