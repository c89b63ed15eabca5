package document

import (
	"strings"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/golint-docker/golint-docker/pkg/parse"
)

// flagValues finds, in the flags of instruction n (before its arguments),
// each flag written as prefix... (`--from=`, `--mount=`) and where the
// value of key in it is: the flag's value itself when key is "", else the
// field key=... of its comma-separated value. A span is exact when that
// value is written as is, equal to want, on one line; otherwise it is the
// zero Span. One span per such flag, in order, so that the k-th --mount
// lines up with the k-th mount.
func (st *stageState) flagValues(n *parser.Node, prefix, key, want string) []Span {
	if n == nil || st.b.f == nil {
		return nil
	}
	logical, _ := st.b.f.Logical(n.StartLine)
	head := logical.Value[:argsOffset(logical.Value, n)]
	var out []Span
	for start := 0; start < len(head); {
		// The next whitespace-separated word of the head.
		for start < len(head) && unicode.IsSpace(rune(head[start])) {
			start++
		}
		end := start
		for end < len(head) && !unicode.IsSpace(rune(head[end])) {
			end++
		}
		word := head[start:end]
		if strings.HasPrefix(word, prefix) {
			out = append(out, valueSpan(logical, start+len(prefix), word[len(prefix):], key, want))
		}
		start = end
	}
	return out
}

// valueSpan is where, in a flag value written at off of t, key's value is
// (the whole value when key is ""), if it is written exactly as want.
func valueSpan(t *parse.Text, off int, value, key, want string) Span {
	found := -1
	if key == "" {
		if value == want {
			found = off
		}
	} else {
		at := 0
		for _, field := range strings.Split(value, ",") {
			if strings.HasPrefix(field, key) {
				if found >= 0 || field[len(key):] != want {
					return Span{}
				}
				found = off + at + len(key)
			}
			at += len(field) + 1
		}
	}
	if found < 0 || want == "" {
		return Span{}
	}
	a, b := t.Pos(found), t.Pos(found+len(want))
	if a.Line != b.Line || b.Column-a.Column != len(want) {
		return Span{}
	}
	return Span{Line: a.Line, Column: a.Column, EndLine: b.Line, EndColumn: b.Column, Exact: true}
}
