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
// Not public API: a step of pkg/lint, free to change.
package pragma

import (
	"regexp"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

var re = regexp.MustCompile(`^\s*#\s*golint-docker\s+(global\s+)?ignore=([A-Za-z0-9_,.-]+)(\s.*)?$`)

// Span is an instruction's first and last line.
type Span struct{ Line, EndLine int }

// Suppressions are the pragmas of one file.
type Suppressions struct {
	global map[string]bool
	spans  []span
}

type span struct {
	Span
	rules map[string]bool
}

// Parse reads the pragmas of a file given its lines and the line spans of its
// instructions (in order).
func Parse(lines []string, instructions []Span) *Suppressions {
	s := &Suppressions{global: map[string]bool{}}
	next := 0 // first instruction starting after the current line
	for i, line := range lines {
		n := i + 1
		for next < len(instructions) && instructions[next].Line <= n {
			next++
		}
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rules := map[string]bool{}
		for _, r := range strings.Split(m[2], ",") {
			if r = strings.TrimSpace(r); r != "" {
				rules[strings.ToLower(r)] = true
			}
		}
		if m[1] != "" {
			for r := range rules {
				s.global[r] = true
			}
			continue
		}
		// Inside an instruction (a comment in a continuation)?
		if next > 0 && instructions[next-1].EndLine >= n {
			s.spans = append(s.spans, span{instructions[next-1], rules})
			continue
		}
		// Above the next instruction, with only comment lines between.
		if next < len(instructions) && onlyComments(lines, n, instructions[next].Line) {
			s.spans = append(s.spans, span{instructions[next], rules})
		}
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

// Suppressed reports whether a pragma silences f (matching the rule's id or
// name, ignoring case).
func (s *Suppressions) Suppressed(f finding.Finding) bool {
	id, name := strings.ToLower(f.RuleID), strings.ToLower(f.RuleName)
	if s.global[id] || s.global[name] || s.global["all"] {
		return true
	}
	for _, sp := range s.spans {
		if f.Line >= sp.Line && f.Line <= sp.EndLine && (sp.rules[id] || sp.rules[name] || sp.rules["all"]) {
			return true
		}
	}
	return false
}
