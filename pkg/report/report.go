// Package report writes lint results in the formats people and CI systems
// read: a terminal listing, JSON, SARIF, GitHub workflow commands,
// Checkstyle, JUnit and GitLab Code Quality.
//
// Outputs decides where reports go and writes files atomically.
//
// It is public API: the formats and Outputs, for programs that report
// results as golint-docker does.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// Result and FileError are the linter's result for one file and the error
// that stopped it, defined in pkg/finding; the formats name them here.
type (
	Result    = finding.Result
	FileError = finding.FileError
)

// Tool describes golint-docker and its rules, for the formats that carry them.
type Tool struct {
	Name           string
	Version        string
	InformationURI string
	// Rules are every rule that ran, built-in, BuildKit and custom.
	Rules []finding.Rule
}

// Summary is the whole run, given when it ends.
type Summary struct {
	Files    int
	Failed   int // files that could not be linted
	Findings map[finding.Severity]int
}

// Options shape the output.
type Options struct {
	// Color enables ANSI colour in the tty format.
	Color bool
	// Threshold is the --failure-threshold; formats that mark failures
	// (JUnit) use it.
	Threshold finding.Severity
}

// Writer receives results in a stable order (files sorted by path) as they
// are ready, then Close with the summary. Formats that are one document
// (JSON, SARIF, ...) write on Close; line formats write as results come.
type Writer interface {
	Write(Result) error
	Close(Summary) error
}

// Factory makes a Writer for one output.
type Factory func(w io.Writer, tool Tool, opt Options) Writer

// factories is the table of formats.
func factories() map[string]Factory {
	return map[string]Factory{
		"tty":        newTTY,
		"json":       newJSON,
		"sarif":      newSARIF,
		"github":     newGitHub,
		"checkstyle": newCheckstyle,
		"junit":      newJUnit,
		"gitlab":     newGitLab,
	}
}

// Formats lists the format names.
func Formats() []string {
	names := make([]string, 0, len(factories()))
	for n := range factories() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns a Writer for format.
func New(format string, w io.Writer, tool Tool, opt Options) (Writer, error) {
	f, ok := factories()[format]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (formats: %s)", format, strings.Join(Formats(), ", "))
	}
	return f(w, tool, opt), nil
}
