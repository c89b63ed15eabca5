package parse

import (
	"errors"
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

// TestNotText: a NUL is one error naming the line (BuildKit's lexer would
// print a line to stderr per NUL), UTF-16 is named as such.
func TestNotText(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"FROM alpine:3.22\nRUN echo \x00 hi\n", 2, "NUL byte"},
		{"\xff\xfeF\x00R\x00O\x00M\x00", 1, "UTF-16"},
	} {
		_, err := Parse("Dockerfile", []byte(tc.src))
		var pe *Error
		if !errors.As(err, &pe) || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("%q: %v", tc.src, err)
		}
	}
}

// TestMessagesQuoteLittle: a secret file parsed as a Dockerfile is not
// echoed: the unknown "instruction" is cut short and escaped.
func TestMessagesQuoteLittle(t *testing.T) {
	src := "SECRET_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz0123\x1b]0;x\x07\x00HOME=/root\n"
	_, err := Parse("Dockerfile.env", []byte(strings.ReplaceAll(src, "\x00", "\n")))
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatal(err)
	}
	if strings.Contains(pe.Msg, "0123\\x1b") || strings.ContainsAny(pe.Msg, "\x1b\x07") || strings.Contains(pe.Msg, "HOME") || len(pe.Msg) > 80 {
		t.Errorf("message quotes too much: %q", pe.Msg)
	}
	if !strings.HasPrefix(pe.Msg, "unknown instruction: SECRET_TOKEN=ghp_") {
		t.Errorf("message: %q", pe.Msg)
	}
}

func TestFilterStderr(t *testing.T) {
	var out strings.Builder
	filter(strings.NewReader("<input>:1:11: invalid UTF-8 encoding\nsomething else\n<input>:3:2: invalid character NUL\nlast"), &out)
	if out.String() != "something else\nlast" {
		t.Errorf("%q", out.String())
	}
}
