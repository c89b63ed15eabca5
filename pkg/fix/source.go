package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// source is a Dockerfile's bytes as edits address them: findings number
// lines as the parser does (split on LF, a trailing CR and a leading UTF-8
// byte order mark not part of any line), and an edit must leave everything
// it does not touch byte for byte as it was.
type source struct {
	data  []byte
	start []int // offset of each line's first byte
	end   []int // offset just past each line's text (before CR LF or LF)
	eol   string
	// escape is the file's escape token: a rule writes a line
	// continuation in an edit's text with a backslash, which becomes this.
	escape byte
}

const bom = "\xef\xbb\xbf"

func newSource(data []byte, escape rune) *source {
	s := &source{data: data, eol: "\n", escape: '\\'}
	if escape == '`' {
		s.escape = '`'
	}
	off := 0
	if bytes.HasPrefix(data, []byte(bom)) {
		off = len(bom)
	}
	crlf, lf := 0, 0
	for off < len(data) {
		s.start = append(s.start, off)
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			s.end = append(s.end, len(data)-trailingCR(data[off:]))
			break
		}
		end := off + i
		if i > 0 && data[end-1] == '\r' {
			end--
			crlf++
		} else {
			lf++
		}
		s.end = append(s.end, end)
		off += i + 1
	}
	if crlf > lf {
		s.eol = "\r\n"
	}
	return s
}

func trailingCR(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return 1
	}
	return 0
}

// offset is the byte offset of a 1-based line and byte column; the line
// after the last one starts at the end of the file.
func (s *source) offset(line, col int) (int, error) {
	switch {
	case line == len(s.start)+1 && col == 1:
		return len(s.data), nil
	case line < 1 || line > len(s.start):
		return 0, fmt.Errorf("line %d is outside the file (%d lines)", line, len(s.start))
	}
	off := s.start[line-1] + col - 1
	if col < 1 || off > s.end[line-1] {
		return 0, fmt.Errorf("column %d is outside line %d", col, line)
	}
	return off, nil
}

// span is an edit as byte offsets into the source, its text in the file's
// line endings and escape token.
type span struct {
	start, end int
	text       string
}

// spans converts a finding's edits, which must not overlap one another.
func (s *source) spans(edits []finding.Edit) ([]span, error) {
	out := make([]span, 0, len(edits))
	for _, e := range edits {
		if e.Column == 0 {
			e.Column = 1
		}
		start, err := s.offset(e.Line, e.Column)
		if err != nil {
			return nil, err
		}
		if e.EndColumn == 0 {
			// The end of the line's text, or of the file after it.
			e.EndColumn = 1
			if e.EndLine >= 1 && e.EndLine <= len(s.end) {
				e.EndColumn = s.end[e.EndLine-1] - s.start[e.EndLine-1] + 1
			}
		}
		end, err := s.offset(e.EndLine, e.EndColumn)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("edit at %d:%d ends before it starts", e.Line, e.Column)
		}
		text := s.convert(e.Text)
		if start == len(s.data) && start > 0 && s.data[start-1] != '\n' && text != "" {
			// Lines added after a last line that has no line ending.
			text = s.eol + strings.TrimSuffix(text, s.eol)
		}
		out = append(out, span{start, end, text})
	}
	for i := range out {
		for j := range i {
			if clash(out[i], out[j]) {
				return nil, fmt.Errorf("the edits of one finding overlap")
			}
		}
	}
	return out, nil
}

// convert writes text in the file's line endings, and its line
// continuations with the file's escape token.
func (s *source) convert(text string) string {
	if !strings.Contains(text, "\n") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines[:len(lines)-1] {
		l = strings.TrimSuffix(l, "\r")
		if s.escape != '\\' {
			if t := strings.TrimRight(l, " \t"); strings.HasSuffix(t, `\`) && !strings.HasSuffix(t, `\\`) {
				l = t[:len(t)-1] + string(s.escape) + l[len(t):]
			}
		}
		lines[i] = l
	}
	return strings.Join(lines, s.eol)
}

// clash reports whether two spans cannot both be applied with a meaning
// that does not depend on their order: they overlap, or one inserts where
// the other starts, ends or replaces.
func clash(a, b span) bool {
	if a.start < b.end && b.start < a.end {
		return true
	}
	insert := func(x, y span) bool { return x.start == x.end && y.start <= x.start && x.start <= y.end }
	return insert(a, b) || insert(b, a)
}

// apply returns the source with the spans (which do not clash) applied.
func (s *source) apply(spans []span) []byte {
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var b bytes.Buffer
	prev := 0
	for _, sp := range sorted {
		b.Write(s.data[prev:sp.start])
		b.WriteString(sp.text)
		prev = sp.end
	}
	b.Write(s.data[prev:])
	return b.Bytes()
}
