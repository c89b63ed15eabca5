package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
	flag "github.com/spf13/pflag"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/opaclient"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// usageError says a usage error on one line of stderr, naming the command,
// and returns exit 2.
func usageError(e env, cmd string, err error) int {
	fmt.Fprintf(e.stderr, "%s: %v\n", cmd, err)
	return app.ExitError
}

// newFlagSet returns a flag set that prints nothing itself: help goes to
// stdout, errors are one line each (parse).
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(discardWriter{})
	fs.Usage = func() {}
	fs.SortFlags = false
	return fs
}

type discardWriter struct{}

func (discardWriter) Write(p []byte) (int, error) { return len(p), nil }

// parse parses args. With -h or --help it prints usage and the flags to
// stdout and returns done with exit 0; on a bad flag it says so on one line
// and returns done with exit 2.
func parse(fs *flag.FlagSet, args []string, e env, usage string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, usage)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		return app.ExitOK, true
	case err != nil:
		return usageError(e, fs.Name(), flagError(fs, err)), true
	}
	return 0, false
}

// flagError turns the flag library's errors into a sentence that names the
// flag and says what to do.
func flagError(fs *flag.FlagSet, err error) error {
	help := " (" + fs.Name() + " --help lists the flags)"
	var notExist *flag.NotExistError
	var noValue *flag.ValueRequiredError
	var invalid *flag.InvalidValueError
	var syntax *flag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if notExist.GetSpecifiedShortnames() != "" {
			return fmt.Errorf("unknown flag -%s%s", name[:1], help)
		}
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := suggestFlag(name, names); s != "" {
			return fmt.Errorf("unknown flag --%s%s", name, s)
		}
		return fmt.Errorf("unknown flag --%s%s", name, help)
	case errors.As(err, &noValue):
		return fmt.Errorf("--%s needs a value", noValue.GetFlag().Name)
	case errors.As(err, &invalid):
		return invalidValue(invalid.GetFlag(), invalid.GetValue())
	case errors.As(err, &syntax):
		return fmt.Errorf("bad flag syntax %q%s", syntax.GetSpecifiedFlag(), help)
	}
	return err
}

// invalidValue says what a flag wants, by its type.
func invalidValue(f *flag.Flag, value string) error {
	want := map[string]string{
		"duration": "a duration with a unit, such as 500ms, 10s or 2m",
		"int":      "a whole number",
		"int64":    "a whole number",
		"uint64":   "a whole number",
		"bool":     "true or false",
	}[f.Value.Type()]
	if want == "" {
		want = "a " + f.Value.Type()
	}
	return fmt.Errorf("--%s %q: want %s", f.Name, value, want)
}

// nearest is the candidate near enough to s to be a typo of it ("" when
// none is): at most two edits away, or s is the start of it.
func nearest(s string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		d := levenshtein.Distance(s, c, nil)
		if len(s) >= 3 && strings.HasPrefix(c, s) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// suggestFlag is "; did you mean --x?" for a flag name near name.
func suggestFlag(name string, names []string) string {
	if n := nearest(name, names); n != "" {
		return fmt.Sprintf("; did you mean --%s?", n)
	}
	return ""
}

// suggestCommand is `; did you mean "x"?` for a command near word.
func suggestCommand(word string) string {
	if word == "lint" {
		return "" // linting is the default command, not init
	}
	if n := nearest(word, commandNames()); n != "" {
		return fmt.Sprintf("; did you mean %q?", n)
	}
	return ""
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	sort.Strings(names)
	return names
}

var bareWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`) })

// unknownCommand tells a mistyped command from a path: the first argument
// is a command when it is a bare word that names no file, and does not look
// like a Dockerfile's name.
func unknownCommand(arg string) error {
	if !bareWord().MatchString(arg) || discover.IsDockerfile(arg) {
		return nil
	}
	if _, err := os.Lstat(arg); err == nil {
		return nil
	}
	return fmt.Errorf("unknown command %q%s (commands: %s)", arg, suggestCommand(arg), strings.Join(commandNames(), ", "))
}

// hint names the flag that changes what stopped a file or the run.
func hint(err error) string {
	var unknown *app.UnknownRuleError
	switch {
	case errors.As(err, &unknown):
		// Ids and names, compared ignoring case as --enable reads them.
		spelt := map[string]string{}
		var lower []string
		for _, k := range unknown.Known {
			spelt[strings.ToLower(k)] = k
			lower = append(lower, strings.ToLower(k))
		}
		if n := nearest(strings.ToLower(unknown.Name), lower); n != "" {
			return fmt.Sprintf("(did you mean %s? golint-docker rules lists the rules)", spelt[n])
		}
		return "(golint-docker rules lists the rules)"
	case errors.Is(err, lint.ErrTooLarge):
		return "(raise the limit with --max-file-size)"
	case errors.Is(err, policy.ErrTimeout), errors.Is(err, safeio.ErrTimeout), errors.Is(err, opaclient.ErrUnanswered):
		return "(see --timeout)"
	case errors.Is(err, policy.ErrMemory):
		return "(see --max-memory)"
	}
	return ""
}
