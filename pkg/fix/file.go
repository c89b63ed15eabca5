package fix

import (
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/parse"
)

// DefaultMaxPasses bounds the lint-apply rounds of one file. A round
// takes one finding per rule, so a file needs about as many rounds as its
// most frequent fixable rule has findings.
const DefaultMaxPasses = 25

// Options say which fixes File applies.
type Options struct {
	// Safe reports whether a rule's fix keeps what the image does; only
	// those are applied unless Unsafe is set.
	Safe   func(ruleID string) bool
	Unsafe bool
	// MaxPasses bounds the rounds (0: DefaultMaxPasses).
	MaxPasses int
}

// Applicable reports whether a finding's edits are applied under o.
func (o Options) Applicable(f finding.Finding) bool {
	return len(f.Edits) > 0 && (o.Unsafe || (o.Safe != nil && o.Safe(f.RuleID)))
}

// Linter lints the bytes of the Dockerfile being fixed.
type Linter func(ctx context.Context, data []byte) finding.Result

// Outcome is what fixing a file did.
type Outcome struct {
	Before, After []byte
	// Initial is the lint of Before.
	Initial finding.Result
	// Fixed are the findings whose edits were applied, as each round
	// reported them (lines are those of the text of that round).
	Fixed []finding.Finding
	// Result is the lint of After: what remains.
	Result finding.Result
	// Notes say which fixes were left out and why.
	Notes []string
}

// Changed reports whether the file was changed.
func (o Outcome) Changed() bool { return string(o.Before) != string(o.After) }

// File lints data and applies the fixes o allows, then lints again and
// applies what the new text offers, until nothing more applies. In each
// round the findings are taken in report order (line, rule), one per rule
// (two findings of a rule may each add the same ARG, for instance), and a
// finding's edits go in only when none of them clashes with an edit
// already taken; the others wait for the next round, where a fresh lint
// gives them positions in the new text. Edits of two findings are never
// merged. A round whose result does not parse, or changes the escape token
// or another parser directive, is undone: its findings are then tried one
// at a time, and one that still breaks the file is left out with a note.
// A file that does not parse is returned as it is, with the error in
// Result.
func File(ctx context.Context, data []byte, lint Linter, o Options) Outcome {
	max := o.MaxPasses
	if max <= 0 {
		max = DefaultMaxPasses
	}
	first := lint(ctx, data)
	out := Outcome{Before: data, After: data, Initial: first, Result: first}
	if out.Result.Err != nil {
		return out
	}
	seen := map[[32]byte]bool{sha256.Sum256(data): true}
	skip := map[string]bool{} // fixes that broke the file
	one := false              // after a broken round: one finding at a time
	for pass := 0; ; pass++ {
		if ctx.Err() != nil {
			return out
		}
		var cands []finding.Finding
		for _, f := range out.Result.Findings {
			if o.Applicable(f) && !skip[key(f)] {
				cands = append(cands, f)
			}
		}
		if len(cands) == 0 {
			return out
		}
		if pass == max {
			out.Notes = append(out.Notes, fmt.Sprintf("fixes stopped after %d rounds; run --fix again for the rest", max))
			return out
		}
		next, taken, bad := round(out.After, cands, one)
		for _, b := range bad {
			skip[key(b.f)] = true
			out.Notes = append(out.Notes, fmt.Sprintf("the fix of %s at line %d was not applied: %v", b.f.RuleID, b.f.Line, b.err))
		}
		if len(taken) == 0 {
			continue
		}
		res := lint(ctx, next)
		if msg := broken(out.After, next, res); msg != "" {
			if len(taken) == 1 {
				skip[key(taken[0])] = true
				out.Notes = append(out.Notes, fmt.Sprintf("the fix of %s at line %d was not applied: %s", taken[0].RuleID, taken[0].Line, msg))
			}
			one = true
			continue
		}
		sum := sha256.Sum256(next)
		if seen[sum] {
			for _, f := range taken {
				skip[key(f)] = true
			}
			out.Notes = append(out.Notes, fmt.Sprintf("the fixes of %s undo each other; they were not applied again", ruleList(taken)))
			continue
		}
		seen[sum] = true
		one = false
		out.After, out.Result = next, res
		out.Fixed = append(out.Fixed, taken...)
	}
}

type badFix struct {
	f   finding.Finding
	err error
}

// round applies, in order, the edits of the first candidate of each rule
// that clash with none taken before (only the first candidate when one is
// set); bad are
// the candidates whose edits do not fit the file.
func round(data []byte, cands []finding.Finding, one bool) (next []byte, taken []finding.Finding, bad []badFix) {
	src := newSource(data, escapeOf(data))
	var spans []span
	rules := map[string]bool{}
	for _, f := range cands {
		if rules[f.RuleID] {
			continue // the next round
		}
		ss, err := src.spans(f.Edits)
		if err != nil {
			bad = append(bad, badFix{f, err})
			continue
		}
		if slices.ContainsFunc(ss, func(a span) bool {
			return slices.ContainsFunc(spans, func(b span) bool { return clash(a, b) })
		}) {
			continue // the next round
		}
		spans = append(spans, ss...)
		taken = append(taken, f)
		rules[f.RuleID] = true
		if one {
			break
		}
	}
	return src.apply(spans), taken, bad
}

// broken says why next cannot replace prev: it does not parse, or its
// parser directives (the escape token among them) differ.
func broken(prev, next []byte, res finding.Result) string {
	if res.Err != nil {
		return "the result would not parse (" + res.Err.Error() + ")"
	}
	a, errA := parse.Parse("", prev)
	b, errB := parse.Parse("", next)
	switch {
	case errA != nil || errB != nil:
		return "the result would not parse"
	case a.Escape != b.Escape || !maps.Equal(a.Directives, b.Directives):
		return "it would change the parser directives at the top of the file"
	}
	return ""
}

func escapeOf(data []byte) rune {
	if f, err := parse.Parse("", data); err == nil {
		return f.Escape
	}
	return '\\'
}

// key names a fix across rounds, where its lines may have moved: its
// rule and the text it writes.
func key(f finding.Finding) string {
	var b strings.Builder
	b.WriteString(f.RuleID)
	for _, e := range f.Edits {
		b.WriteByte(0)
		b.WriteString(e.Text)
	}
	return b.String()
}

func ruleList(fs []finding.Finding) string {
	var ids []string
	for _, f := range fs {
		if !slices.Contains(ids, f.RuleID) {
			ids = append(ids, f.RuleID)
		}
	}
	return strings.Join(ids, ", ")
}

// One applies the edits of one finding to data, alone: what a user who
// takes that one suggestion gets.
func One(data []byte, f finding.Finding) ([]byte, error) {
	src := newSource(data, escapeOf(data))
	spans, err := src.spans(f.Edits)
	if err != nil {
		return nil, err
	}
	return src.apply(spans), nil
}
