package app

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// FixMode says what a run does with the fixes the findings carry.
type FixMode int

const (
	// NoFix only reports.
	NoFix FixMode = iota
	// FixInPlace writes the fixes into the files (standard input: the
	// fixed file on standard output), then reports what remains.
	FixInPlace
	// FixDiff prints the fixes as a unified diff on standard output and
	// changes nothing; the reports are of the files as they are.
	FixDiff
)

// fixed is one file's result, with what fixing it did (nil when the run
// does not fix).
type fixed struct {
	res     finding.Result
	outcome *fix.Outcome
	file    discover.File
	plan    *plan
}

// fixOptions are the fixes the plan's rules allow: those whose metadata
// says they are safe, and the others with unsafe.
func (p *plan) fixOptions(unsafe bool) fix.Options {
	return fix.Options{Unsafe: unsafe, Safe: func(id string) bool { return p.safe[id] }}
}

func safeFixes(rules []finding.Rule) map[string]bool {
	m := map[string]bool{}
	for _, r := range rules {
		if r.SafeFix() {
			m[r.ID] = true
		}
	}
	return m
}

// lintFile lints f, and fixes it when the run does (in memory: files
// are written in report order, by finishFix).
func (r *runner) lintFile(ctx context.Context, p *plan, f discover.File) fixed {
	if r.s.Fix == NoFix {
		return fixed{res: p.linter.File(ctx, f, r.io.Stdin)}
	}
	data, err := p.linter.Read(ctx, f, r.io.Stdin)
	if err != nil {
		name := f.Path
		if f.Path == lint.Stdin {
			name = cmp.Or(r.s.StdinFilename, lint.StdinName)
		}
		return fixed{res: finding.Result{File: name, Err: finding.AsFileError(name, err)}}
	}
	o := fix.File(ctx, data, func(ctx context.Context, b []byte) finding.Result {
		return p.linter.Data(ctx, f.Path, b)
	}, p.fixOptions(r.s.UnsafeFixes))
	return fixed{res: o.Result, outcome: &o, file: f, plan: p}
}

// finishFix writes a fixed file (FixInPlace) or prints its diff (FixDiff),
// and returns the result to report: what remains after FixInPlace; the
// findings of the file as it is after FixDiff, or when it cannot be
// written.
func (r *runner) finishFix(ctx context.Context, f fixed) finding.Result {
	o := f.outcome
	if o == nil {
		return f.res
	}
	initial := o.Initial
	initial.Notes = append(initial.Notes, o.Notes...)
	if r.s.Fix == FixDiff {
		io.WriteString(r.io.Stdout, fix.Diff(initial.File, o.Before, o.After))
		return initial
	}
	if f.file.Path == lint.Stdin {
		// A filter: the file goes out whether or not it changed.
		r.io.Stdout.Write(o.After)
	} else if o.Changed() {
		if err := writeFixed(ctx, f.plan.linter, f.file, o.Before, o.After); err != nil {
			initial.Err = &finding.FileError{File: initial.File, Msg: "the fixes were not written: " + err.Error(), Err: err}
			return initial
		}
	}
	res := o.Result
	res.Notes = append(res.Notes, o.Notes...)
	if len(o.Fixed) > 0 {
		r.fixes.problems += len(o.Fixed)
		r.fixes.files++
		r.say("%s: fixed %s (%s)", safeio.Escape(res.File), plural(len(o.Fixed), "problem"), safeio.Escape(ruleIDs(o.Fixed)))
	}
	unsafe := f.plan.fixOptions(true)
	for _, fd := range res.Findings {
		if unsafe.Applicable(fd) && !r.s.UnsafeFixes && !f.plan.safe[fd.RuleID] {
			r.fixes.unsafeLeft++
		}
	}
	return res
}

// writeFixed replaces f with after, atomically and keeping its
// permissions, unless it no longer holds before (changed while it was
// being fixed). It reads f again as lint read it — within its tree, a
// regular file, under the size cap and the read timeout — so a file lint
// would refuse to read is never written either.
func writeFixed(ctx context.Context, l *lint.Linter, f discover.File, before, after []byte) error {
	now, err := l.Read(ctx, f, nil)
	if err != nil {
		var fe *finding.FileError
		if errors.As(err, &fe) {
			return errors.New(fe.Msg)
		}
		return err
	}
	if !bytes.Equal(now, before) {
		return errors.New("the file changed while it was being fixed")
	}
	return fix.WriteFile(f.Path, f.Root, after)
}

// fixSummary says, after a run that fixed, how many problems were fixed
// and how many fixes were left to --unsafe-fixes.
func (r *runner) fixSummary() {
	if r.s.Fix != FixInPlace {
		return
	}
	switch {
	case r.fixes.problems == 0:
		r.say("nothing was fixed")
	case r.fixes.files > 1:
		r.say("fixed %s in %s", plural(r.fixes.problems, "problem"), plural(r.fixes.files, "file"))
	}
	if r.fixes.unsafeLeft > 0 {
		r.say("%s can also be fixed with --unsafe-fixes, which change what the image does (see them first with --diff --unsafe-fixes)", plural(r.fixes.unsafeLeft, "problem"))
	}
}

// fixCounts count what a run fixed, for its last words.
type fixCounts struct{ problems, files, unsafeLeft int }

// say writes a line about the run on Stderr.
func (r *runner) say(format string, a ...any) {
	fmt.Fprintf(r.io.Stderr, "golint-docker: "+format+"\n", a...)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func ruleIDs(fs []finding.Finding) string {
	seen := map[string]bool{}
	var ids []string
	for _, f := range fs {
		name := f.RuleID
		if f.RuleName != "" && f.RuleName != f.RuleID {
			name += " " + f.RuleName
		}
		if !seen[name] {
			seen[name] = true
			ids = append(ids, name)
		}
	}
	return strings.Join(ids, ", ")
}

// reportStream is where the report that is not written to a file goes:
// standard output, unless that carries the fixed file or the diff.
func (r *runner) reportStream(paths []string) io.Writer {
	if r.s.Fix == FixDiff {
		return r.io.Stderr
	}
	if r.s.Fix == FixInPlace {
		for _, p := range paths {
			if p == lint.Stdin {
				return r.io.Stderr
			}
		}
	}
	return r.io.Stdout
}
