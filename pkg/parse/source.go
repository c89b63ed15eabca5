package parse

import (
	"sort"
	"strings"
	"unicode"
)

// Pos is a place in the Dockerfile: 1-based line and 1-based byte column.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Text is a piece of text assembled from the Dockerfile (an instruction's
// logical line, a heredoc body) that remembers where each byte came from.
type Text struct {
	Value string
	segs  []segment
}

type segment struct {
	off  int // offset in Value where this segment starts
	line int
	col  int
}

// Pos maps an offset in t.Value back to the file.
func (t *Text) Pos(off int) Pos {
	if len(t.segs) == 0 {
		return Pos{}
	}
	i := sort.Search(len(t.segs), func(i int) bool { return t.segs[i].off > off }) - 1
	if i < 0 {
		i = 0
	}
	s := t.segs[i]
	return Pos{Line: s.line, Column: s.col + off - s.off}
}

// Slice returns the part of t from off on, keeping positions.
func (t *Text) Slice(off int) *Text {
	if off <= 0 {
		return t
	}
	if off > len(t.Value) {
		off = len(t.Value)
	}
	out := &Text{Value: t.Value[off:]}
	for i, s := range t.segs {
		end := len(t.Value)
		if i+1 < len(t.segs) {
			end = t.segs[i+1].off
		}
		if end <= off {
			continue
		}
		if s.off < off {
			s = segment{off: off, line: s.line, col: s.col + off - s.off}
		}
		s.off -= off
		out.segs = append(out.segs, s)
	}
	return out
}

// continues reports whether line ends with the escape token (trailing
// blanks aside) not itself escaped, and returns the line without it — what
// BuildKit's `([^\\])\\[ \t]*$|^\\[ \t]*$` does, without a regexp.
func continues(line string, escape byte) (string, bool) {
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	if end == 0 || line[end-1] != escape {
		return line, false
	}
	if end >= 2 && line[end-2] == escape {
		return line, false
	}
	return line[:end-1], true
}

// Logical rebuilds the logical line of the instruction that starts on line
// start exactly as BuildKit's parser joins it (continuations removed, comment
// and blank lines inside it dropped), stopping at the line where it ends.
// It returns the text and the last physical line it used.
func (f *File) Logical(start int) (*Text, int) {
	escape := byte('\\')
	if f.Escape == '`' {
		escape = '`'
	}
	t := &Text{}
	var b strings.Builder
	line := start
	for ; line <= len(f.Lines); line++ {
		raw := f.Lines[line-1]
		col := 1
		if line == start {
			trimmed := strings.TrimLeftFunc(raw, unicode.IsSpace)
			col += len(raw) - len(trimmed)
			raw = trimmed
		} else {
			if isComment(raw) {
				continue
			}
			if strings.TrimLeftFunc(raw, unicode.IsSpace) == "" {
				continue
			}
		}
		piece, more := continues(raw, escape)
		t.segs = append(t.segs, segment{off: b.Len(), line: line, col: col})
		b.WriteString(piece)
		if !more {
			break
		}
	}
	t.Value = b.String()
	if line > len(f.Lines) {
		line = len(f.Lines)
	}
	return t, line
}

// Raw returns physical lines from..to (inclusive) joined with LF, each line
// keeping its own position.
func (f *File) Raw(from, to int) *Text {
	t := &Text{}
	var b strings.Builder
	for line := from; line <= to && line <= len(f.Lines); line++ {
		if line < 1 {
			continue
		}
		t.segs = append(t.segs, segment{off: b.Len(), line: line, col: 1})
		b.WriteString(f.Lines[line-1])
		b.WriteByte('\n')
	}
	t.Value = b.String()
	return t
}

func isComment(line string) bool {
	line = strings.TrimLeftFunc(line, unicode.IsSpace)
	return strings.HasPrefix(line, "#")
}

// Concat joins texts with sep between them, keeping every text's positions.
func Concat(sep string, ts ...*Text) *Text {
	out := &Text{}
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString(sep)
		}
		for _, s := range t.segs {
			s.off += b.Len()
			out.segs = append(out.segs, s)
		}
		b.WriteString(t.Value)
	}
	out.Value = b.String()
	return out
}
