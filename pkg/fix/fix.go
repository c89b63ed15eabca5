// Package fix applies findings' edits: to the lines of a Dockerfile (the
// replacement text a report shows, for pkg/lint), and to a whole file in
// rounds of lint and apply, as --fix and --diff do (File, Diff).
//
// Not public API: a helper of pkg/lint and pkg/app, free to change.
package fix

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// Normalize resolves whole-line edits (column 0) against lines, so that every
// edit has real 1-based byte columns. Edits outside the file are an error.
func Normalize(lines []string, edits []finding.Edit) ([]finding.Edit, error) {
	out := make([]finding.Edit, 0, len(edits))
	for _, e := range edits {
		if e.Line < 1 || e.EndLine < e.Line || e.EndLine > len(lines)+1 {
			return nil, fmt.Errorf("edit spans lines %d-%d outside the file (%d lines)", e.Line, e.EndLine, len(lines))
		}
		if e.Column == 0 {
			e.Column = 1
		}
		if e.EndColumn == 0 {
			if e.EndLine <= len(lines) {
				e.EndColumn = len(lines[e.EndLine-1]) + 1
			} else {
				e.EndColumn = 1
			}
		}
		if lineLen(lines, e.Line) < e.Column-1 || lineLen(lines, e.EndLine) < e.EndColumn-1 ||
			(e.Line == e.EndLine && e.EndColumn < e.Column) {
			return nil, fmt.Errorf("edit at %d:%d-%d:%d is outside its lines", e.Line, e.Column, e.EndLine, e.EndColumn)
		}
		out = append(out, e)
	}
	return out, nil
}

func lineLen(lines []string, n int) int {
	if n > len(lines) {
		return 0
	}
	return len(lines[n-1])
}

// Apply returns lines first..last (1-based, inclusive) after the edits, which
// must lie within them and not overlap.
func Apply(lines []string, first, last int, edits []finding.Edit) (string, error) {
	edits, err := Normalize(lines, edits)
	if err != nil {
		return "", err
	}
	if first < 1 || last > len(lines) || last < first {
		return "", fmt.Errorf("lines %d-%d are outside the file", first, last)
	}
	for _, e := range edits {
		if e.Line < first || e.EndLine > last {
			return "", fmt.Errorf("edit at line %d is outside lines %d-%d", e.Line, first, last)
		}
	}
	// Work on the text of the span, with offsets computed per line.
	text := strings.Join(lines[first-1:last], "\n")
	offset := func(line, col int) int {
		off := 0
		for l := first; l < line; l++ {
			off += len(lines[l-1]) + 1
		}
		return off + col - 1
	}
	type span struct {
		start, end int
		text       string
	}
	spans := make([]span, 0, len(edits))
	for _, e := range edits {
		spans = append(spans, span{offset(e.Line, e.Column), offset(e.EndLine, e.EndColumn), e.Text})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return "", fmt.Errorf("edits overlap")
		}
	}
	var b strings.Builder
	prev := 0
	for _, s := range spans {
		b.WriteString(text[prev:s.start])
		b.WriteString(s.text)
		prev = s.end
	}
	b.WriteString(text[prev:])
	return b.String(), nil
}
