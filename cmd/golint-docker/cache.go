package main

import (
	"context"
	"fmt"
	"os"

	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/cache"
)

const cacheUsage = `Usage: golint-docker cache clean|dir [flags]

The result cache keeps each Dockerfile's findings, keyed by everything that
decides them (the file, its build context's facts, the rules and their data,
the settings, the binary), so that a file seen before is not linted again.
It is on by default, in $XDG_CACHE_HOME/golint-docker (else the system's
user cache directory); --no-cache runs without it.

  golint-docker cache clean   remove every cached result
  golint-docker cache dir     print the cache's directory

Flags:
`

// cacheFlags are the lint command's cache flags.
type cacheFlags struct {
	dir     string
	noCache bool
}

func (f *cacheFlags) register(fs *flag.FlagSet, withNoCache bool) {
	fs.StringVar(&f.dir, "cache-dir", "", "keep results in this `dir` (default $XDG_CACHE_HOME/golint-docker)")
	if withNoCache {
		fs.BoolVar(&f.noCache, "no-cache", false, "neither use nor keep cached results")
	}
}

// resolve is the cache directory to use, "" for none: --cache-dir, else the
// default, which needs a home (none: no cache).
func (f *cacheFlags) resolve(e env) (string, error) {
	switch {
	case f.noCache:
		return "", nil
	case f.dir != "":
		return f.dir, nil
	case e.getenv("XDG_CACHE_HOME") == "" && e.getenv("HOME") == "" && e.getenv("LocalAppData") == "":
		return "", nil
	}
	return app.DefaultCacheDir(e.getenv)
}

func runCache(_ context.Context, args []string, e env) int {
	fs := newFlagSet("golint-docker cache")
	var f cacheFlags
	f.register(fs, false)
	if code, done := parse(fs, args, e, cacheUsage); done {
		return code
	}
	switch {
	case fs.NArg() == 0:
		return usageError(e, fs.Name(), fmt.Errorf("give clean or dir"))
	case fs.Arg(0) != "clean" && fs.Arg(0) != "dir":
		return usageError(e, fs.Name(), fmt.Errorf("unknown %q: give clean or dir", fs.Arg(0)))
	case fs.NArg() > 1:
		return usageError(e, fs.Name(), fmt.Errorf("%s takes no arguments (got %q)", fs.Arg(0), fs.Arg(1)))
	}
	dir, err := f.resolve(e)
	if err == nil && dir == "" {
		err = fmt.Errorf("no cache directory: set XDG_CACHE_HOME or give --cache-dir")
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	if fs.Arg(0) == "dir" {
		fmt.Fprintln(e.stdout, dir)
		return app.ExitOK
	}
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		fmt.Fprintf(e.stdout, "%s: no cache\n", dir)
		return app.ExitOK
	}
	c, err := cache.Open(dir, cache.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	defer c.Close()
	s, err := c.Clean()
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
		return app.ExitError
	}
	plural := "s"
	if s.Entries == 1 {
		plural = ""
	}
	fmt.Fprintf(e.stdout, "%s: removed %d cached file%s (%.1f MiB)\n", dir, s.Entries, plural, float64(s.Bytes)/(1<<20))
	return app.ExitOK
}
