package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/initgen"
)

const initUsage = `Usage: golint-docker init [flags] [DIR]

Writes a Dockerfile and a .dockerignore for the Go module in DIR (default .)
that follow every practice golint-docker checks: a cached, cross-compiling
static build on $BUILDPLATFORM, a minimal final image running as a numeric
non-root user. It reads go.mod for the Go version (the builder is the
matching supported golang image) and finds the main packages; with several,
--main chooses one. Existing files are kept unless --force is given.

Flags:
`

func runInit(_ context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker init")
	var o initgen.Options
	var force bool
	fs.StringVar(&o.Main, "main", "", "the main `package` to build, as ./cmd/api (needed when the module has several)")
	fs.StringVar(&o.Base, "base", "distroless", "the final image: "+strings.Join(initgen.Bases, ", ")+" (distroless: "+initgen.DistrolessImage+"; scratch: with CA certificates and time zones copied in)")
	fs.IntVar(&o.Port, "port", 8080, "the `port` the service listens on (EXPOSE)")
	fs.StringVar(&o.HealthcheckCmd, "healthcheck-cmd", "", "the `command` that checks the service inside the container: arguments to its binary (\"-healthcheck\") or a command line starting with an absolute path (default: HEALTHCHECK NONE, with why)")
	fs.BoolVar(&force, "force", false, "replace an existing Dockerfile and .dockerignore")
	if code, done := parse(fs, args, e, initUsage); done {
		return code
	}
	if fs.NArg() > 1 {
		return usageError(e, fs.Name(), fmt.Errorf("give at most one directory; got %d", fs.NArg()))
	}
	o.Dir = "."
	if fs.NArg() == 1 {
		o.Dir = fs.Arg(0)
	}
	files, err := initgen.Generate(o)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	written, err := initgen.Write(o.Dir, files, force)
	for _, n := range files.Notes {
		fmt.Fprintf(e.stderr, "%s: note: %s\n", fs.Name(), n)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	fmt.Fprintf(e.stderr, "%s: wrote %s\n", fs.Name(), strings.Join(written, " and "))
	return app.ExitOK
}
