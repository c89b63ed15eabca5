package parse

import (
	"regexp"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestLogicalMatchesBuildKit(t *testing.T) {
	for _, src := range []string{
		"FROM alpine\nRUN echo a && \\\n    # a comment inside\n\n    echo b \\\n  && echo c\n",
		"# escape=`\nFROM alpine\nRUN echo a `\n  && echo b\n",
		"FROM alpine\r\nRUN echo a \\\r\n  echo b\r\n",
		"FROM alpine\n   RUN   echo spaced\n",
	} {
		f := mustParse(t, src)
		for _, in := range f.Instructions {
			got, end := f.Logical(in.Node.StartLine)
			if got.Value != in.Node.Original {
				t.Errorf("%q: logical %q, BuildKit %q", src, got.Value, in.Node.Original)
			}
			if end != in.Node.EndLine {
				t.Errorf("%q: logical ends on %d, node on %d", src, end, in.Node.EndLine)
			}
		}
	}
}

func TestTextPositions(t *testing.T) {
	f := mustParse(t, "FROM alpine\nRUN echo a && \\\n    # note\n    go build \\\n  -o /x .\n")
	txt, _ := f.Logical(2)
	for _, tc := range []struct {
		needle string
		want   Pos
	}{
		{"RUN", Pos{2, 1}},
		{"go build", Pos{4, 5}},
		{"-o", Pos{5, 3}},
	} {
		off := strings.Index(txt.Value, tc.needle)
		if got := txt.Pos(off); got != tc.want {
			t.Errorf("%s at %+v, want %+v", tc.needle, got, tc.want)
		}
	}
	sub := txt.Slice(strings.Index(txt.Value, "echo"))
	if got := sub.Pos(strings.Index(sub.Value, "go build")); got != (Pos{4, 5}) {
		t.Errorf("after Slice: %+v", got)
	}
	joined := Concat("\n", sub, f.Raw(5, 5))
	if got := joined.Pos(strings.LastIndex(joined.Value, "-o")); got != (Pos{5, 3}) {
		t.Errorf("after Concat: %+v", got)
	}
}

func TestErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"", 0, "no instructions"},
		{"# just a comment\n", 1, "no instructions"},
		{"FROM alpine\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc"},
		{"FROM alpine\nFOO bar\n", 2, "unknown instruction"},
		{"RUN echo\n", 1, "before the first FROM"},
		{"ARG A=1\n", 1, "no FROM"},
		{"# escape=x\nFROM alpine\n", 1, "invalid escape token"},
		{"FROM alpine\nHEALTHCHECK --interval=abc CMD true\n", 2, "invalid duration"},
	} {
		_, err := Parse("Dockerfile", []byte(tc.src))
		pe, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: error %v is not *Error", tc.src, err)
			continue
		}
		if pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("%q: got line %d %q, want line %d containing %q", tc.src, pe.Line, pe.Msg, tc.line, tc.msg)
		}
	}
}

func TestDirectives(t *testing.T) {
	f := mustParse(t, "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine\n")
	if f.Directives["syntax"] != "docker/dockerfile:1" || f.Directives["check"] != "skip=JSONArgsRecommended" {
		t.Errorf("directives %v", f.Directives)
	}
}

func TestContinuesMatchesBuildKitRegexp(t *testing.T) {
	re := regexp.MustCompile(`([^\\])\\[ \t]*$|^\\[ \t]*$`)
	for _, line := range []string{`a \`, `a \  `, "a \\\t", `\`, ` \`, `a \\`, `a`, ``, `\\`, `a\`, "a \\ x", `a \\\`} {
		want := re.MatchString(line)
		wantText := re.ReplaceAllString(line, "$1")
		got, ok := continues(line, '\\')
		if ok != want || (ok && got != wantText) {
			t.Errorf("%q: got %q %v, BuildKit %q %v", line, got, ok, wantText, want)
		}
	}
}
