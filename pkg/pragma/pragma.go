// Package pragma reads golint-docker's inline suppressions:
//
//	# golint-docker ignore=GD004,no-healthcheck the reason
//	RUN go build ...
//
// silences those rules for the instruction below (the comment may sit in the
// block of comment lines right above it, or inside a multi-line instruction),
// and
//
//	# golint-docker global ignore=GD017 the reason
//
// anywhere in the file silences them for the whole file.
//
// A pragma that names no rule, or silences nothing, is itself reported (rule
// unused-pragma, as ruff reports an unused noqa): a typo'd id would otherwise
// leave the finding it meant to silence hidden behind a comment that looks
// right, and a stale one hides the next real finding.
//
// Not public API: a step of pkg/lint, free to change.
package pragma

import (
	"fmt"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

var re = lazyre.New(`^(\s*#\s*golint-docker\s+(global\s+)?ignore=)([A-Za-z0-9_,.-]+)(\s.*)?$`)

// Rule documents the findings about the pragmas themselves.
var Rule = finding.Rule{
	ID:       "GD100",
	Name:     "unused-pragma",
	Title:    "A golint-docker ignore= pragma names no rule or silences nothing",
	Severity: finding.Info,
	Description: "A `# golint-docker ignore=` comment that names a rule that does not exist (a typo), " +
		"silences no finding on the instruction it applies to, or applies to no instruction at all " +
		"(a blank line or another instruction separates it from the one below) does nothing: " +
		"the finding it was written for is not silenced, or is long gone and the comment hides the next one. " +
		"With --target or --build-arg, which change what the rules find, and for rules turned off, " +
		"only the names that are no rule and the pragmas that apply to no instruction are reported.",
	Fix: "Remove the rule from the pragma (or the pragma), or correct its id or name: `golint-docker rules` lists them.",
	Bad: "# golint-docker ignore=GD0005 symbols kept for pprof\nRUN go build -o /app .",
	Good: "# golint-docker ignore=GD005 symbols kept for pprof\n" +
		"RUN go build -o /app .",
	HelpURI: "https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#unused-pragma",
	Source:  "golint-docker",
}

// Span is an instruction's first and last line.
type Span struct{ Line, EndLine int }

// Suppressions are the pragmas of one file.
type Suppressions struct {
	pragmas []*pragma
	// aliases maps other linters' ids (lower case) to rule ids.
	aliases map[string]string
}

// WithAliases makes the pragmas accept other linters' ids for the rules
// that find the same problem (hadolint's DL3062): aliases maps each,
// lower-cased, to its rule's id (finding.AliasIndex).
func (s *Suppressions) WithAliases(aliases map[string]string) *Suppressions {
	s.aliases = aliases
	return s
}

// names reports whether name, as a pragma writes it, names f's rule: its
// id, its name, an alias of it, or "all".
func (s *Suppressions) names(name string, f finding.Finding) bool {
	if strings.EqualFold(name, f.RuleID) || strings.EqualFold(name, f.RuleName) || strings.EqualFold(name, "all") {
		return true
	}
	id, ok := s.aliases[strings.ToLower(name)]
	return ok && id == f.RuleID
}

// pragma is one ignore= comment.
type pragma struct {
	line   int
	global bool
	// span is the instruction a local pragma applies to; nil when there is
	// none (the pragma is detached).
	span *Span
	// prefix and list locate the rule list in the line, for the fix.
	prefix, list string
	rules        []*ruleRef
}

type ruleRef struct {
	name string // as written
	used bool
}

// Parse reads the pragmas of a file given its lines and the line spans of its
// instructions (in order).
func Parse(lines []string, instructions []Span) *Suppressions {
	s := &Suppressions{}
	next := 0 // first instruction starting after the current line
	for i, line := range lines {
		n := i + 1
		for next < len(instructions) && instructions[next].Line <= n {
			next++
		}
		m := re().FindStringSubmatch(line)
		if m == nil {
			continue
		}
		p := &pragma{line: n, global: m[2] != "", prefix: m[1], list: m[3]}
		for _, r := range strings.Split(m[3], ",") {
			if r = strings.TrimSpace(r); r != "" {
				p.rules = append(p.rules, &ruleRef{name: r})
			}
		}
		switch {
		case p.global:
		case next > 0 && instructions[next-1].EndLine >= n:
			// Inside an instruction (a comment in a continuation).
			sp := instructions[next-1]
			p.span = &sp
		case next < len(instructions) && onlyComments(lines, n, instructions[next].Line):
			// Above the next instruction, with only comment lines between.
			sp := instructions[next]
			p.span = &sp
		}
		s.pragmas = append(s.pragmas, p)
	}
	return s
}

func onlyComments(lines []string, from, to int) bool {
	for l := from + 1; l < to; l++ {
		t := strings.TrimSpace(lines[l-1])
		if !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}

// Suppressed reports whether a pragma silences f (matching the rule's id,
// name or an alias, ignoring case), and counts it as used.
func (s *Suppressions) Suppressed(f finding.Finding) bool {
	suppressed := false
	for _, p := range s.pragmas {
		if !p.global && (p.span == nil || f.Line < p.span.Line || f.Line > p.span.EndLine) {
			continue
		}
		for _, r := range p.rules {
			if s.names(r.name, f) {
				r.used = true
				suppressed = true
			}
		}
	}
	return suppressed
}

// Checks says what Unused may report about a rule named in a pragma.
type Checks struct {
	// Known reports whether a rule id or name exists; nil when the rules
	// are not known here (an OPA server's bundle may hold more).
	Known func(name string) bool
	// Ran reports whether a rule ran on the whole file, so that a pragma
	// naming it and silencing nothing is stale; nil when that cannot be
	// told (the findings depend on --target or build arguments).
	Ran func(name string) bool
}

// Unused reports the pragmas that name no rule or silence nothing, once
// every finding of the file has gone through Suppressed: one finding per
// pragma, with an edit that takes the names out (or the whole comment out
// when none is left).
func (s *Suppressions) Unused(c Checks) []finding.Finding {
	var out []finding.Finding
	for _, p := range s.pragmas {
		detached := p.span == nil && !p.global
		var problems, keep []string
		for _, r := range p.rules {
			all := strings.EqualFold(r.name, "all")
			switch {
			case !all && c.Known != nil && !c.Known(r.name):
				problems = append(problems, fmt.Sprintf("%q names no rule", r.name))
			case r.used:
				keep = append(keep, r.name)
			case detached:
				problems = append(problems, fmt.Sprintf("ignore=%s applies to no instruction", r.name))
			case c.Ran == nil || !c.Ran(r.name):
				keep = append(keep, r.name) // cannot tell
			case p.global:
				problems = append(problems, fmt.Sprintf("%s silences nothing in this file", r.name))
			default:
				problems = append(problems, fmt.Sprintf("%s silences nothing on the instruction at line %d", r.name, p.span.Line))
			}
		}
		if len(problems) == 0 {
			continue
		}
		f := finding.Finding{
			RuleID:   Rule.ID,
			RuleName: Rule.Name,
			Title:    Rule.Title,
			Severity: Rule.Severity,
			Line:     p.line,
			EndLine:  p.line,
			Message:  "golint-docker pragma: " + strings.Join(problems, "; "),
			Fix:      Rule.Fix,
			HelpURI:  Rule.HelpURI,
		}
		switch {
		case detached:
			// Where it belongs is the author's call: no edit.
			f.Fix = "Move the pragma into the comment block right above the instruction it is for (no blank line between), or remove it."
		case len(keep) == 0:
			// Delete the comment line.
			f.Edits = []finding.Edit{{Line: p.line, Column: 1, EndLine: p.line + 1, EndColumn: 1}}
		default:
			start := len(p.prefix) + 1
			f.Edits = []finding.Edit{{Line: p.line, Column: start, EndLine: p.line, EndColumn: start + len(p.list), Text: strings.Join(keep, ",")}}
		}
		out = append(out, f)
	}
	return out
}
