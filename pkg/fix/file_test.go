package fix

import (
	"context"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/parse"
)

// rule is a stand-in for a Rego rule: findings with edits, computed from
// the parsed lines.
type rule func(lines []string) []finding.Finding

// fakeLint lints as pkg/lint does where File cares: a parse error is the
// result's error, the findings come sorted.
func fakeLint(rules ...rule) Linter {
	return func(_ context.Context, data []byte) finding.Result {
		f, err := parse.Parse("Dockerfile", data)
		if err != nil {
			return finding.Result{File: "Dockerfile", Err: finding.AsFileError("Dockerfile", err)}
		}
		var fs []finding.Finding
		for _, r := range rules {
			fs = append(fs, r(f.Lines)...)
		}
		finding.Sort(fs)
		return finding.Result{File: "Dockerfile", Findings: fs, Lines: f.Lines}
	}
}

// replaceWord fires on each line holding old, and not yet new, and
// replaces old with new.
func replaceWord(id, old, new string) rule {
	return func(lines []string) []finding.Finding {
		var fs []finding.Finding
		for i, l := range lines {
			if c := strings.Index(l, old); c >= 0 && !strings.Contains(l, new) && !strings.HasPrefix(l, "#") {
				fs = append(fs, finding.Finding{RuleID: id, Line: i + 1, EndLine: i + 1, Message: id,
					Edits: []finding.Edit{{Line: i + 1, Column: c + 1, EndLine: i + 1, EndColumn: c + 1 + len(old), Text: new}}})
			}
		}
		return fs
	}
}

// insertBefore fires when no line starts with want, and inserts it before
// the first line that starts with before.
func insertBefore(id, want, before string) rule {
	return func(lines []string) []finding.Finding {
		at := 0
		for i, l := range lines {
			if strings.HasPrefix(l, strings.TrimRight(strings.SplitN(want, "\n", 2)[0], " \\")) {
				return nil
			}
			if at == 0 && strings.HasPrefix(l, before) {
				at = i + 1
			}
		}
		if at == 0 {
			return nil
		}
		return []finding.Finding{{RuleID: id, Line: at, EndLine: at, Message: id,
			Edits: []finding.Edit{{Line: at, Column: 1, EndLine: at, EndColumn: 1, Text: want + "\n"}}}}
	}
}

func all(ids ...string) Options {
	return Options{Safe: func(id string) bool {
		for _, s := range ids {
			if s == id {
				return true
			}
		}
		return false
	}}
}

func TestFile(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in, want  string
		rules     []rule
		opt       Options
		fixed     int
		noteMatch string
		flaps     bool // the rules contradict each other: not idempotent
	}{
		{
			name:  "only safe fixes without Unsafe",
			in:    "FROM golang AS build\nRUN go build\nFROM scratch\n",
			rules: []rule{replaceWord("A1", "go build", "CGO_ENABLED=0 go build"), insertBefore("U1", "USER 1", "FROM scratch")},
			opt:   all("A1"),
			want:  "FROM golang AS build\nRUN CGO_ENABLED=0 go build\nFROM scratch\n", fixed: 1,
		},
		{
			name:  "unsafe too with Unsafe",
			in:    "FROM golang AS build\nRUN go build\nFROM scratch\nCMD [\"/app\"]\n",
			rules: []rule{replaceWord("A1", "go build", "CGO_ENABLED=0 go build"), insertBefore("U1", "USER 1", "CMD")},
			opt:   Options{Unsafe: true},
			want:  "FROM golang AS build\nRUN CGO_ENABLED=0 go build\nFROM scratch\nUSER 1\nCMD [\"/app\"]\n", fixed: 2,
		},
		{
			// Two insertions at one place: the first in report order goes
			// in, the second waits for the next round and lands after it.
			name:  "clashing edits are deferred, never merged",
			in:    "FROM scratch\nCMD [\"/app\"]\n",
			rules: []rule{insertBefore("A1", "USER 1", "CMD"), insertBefore("A2", "EXPOSE 80", "CMD")},
			opt:   all("A1", "A2"),
			want:  "FROM scratch\nUSER 1\nEXPOSE 80\nCMD [\"/app\"]\n", fixed: 2,
		},
		{
			name:  "overlapping replacements are deferred",
			in:    "FROM scratch\nRUN go build -o x\n",
			rules: []rule{replaceWord("A1", "go build", "go build -trimpath"), replaceWord("A2", "build -o", "build -v -o")},
			opt:   all("A1", "A2"),
			// A2 no longer matches once A1 changed the text: it is gone,
			// not glued into A1's text.
			want: "FROM scratch\nRUN go build -trimpath -o x\n", fixed: 1,
		},
		{
			name:  "CRLF kept, inserted lines get CRLF",
			in:    "FROM scratch\r\nCMD [\"/app\"]\r\n",
			rules: []rule{insertBefore("A1", "USER 1", "CMD"), replaceWord("A2", "/app", "/srv")},
			opt:   all("A1", "A2"),
			want:  "FROM scratch\r\nUSER 1\r\nCMD [\"/srv\"]\r\n", fixed: 2,
		},
		{
			name: "byte order mark and missing final newline kept",
			in:   "\ufeffFROM scratch\nCMD [\"/app\"]",
			rules: []rule{replaceWord("A1", "FROM scratch", "FROM scratch AS final"), func(lines []string) []finding.Finding {
				if lines[len(lines)-1] == "USER 1" {
					return nil
				}
				n := len(lines) + 1
				return []finding.Finding{{RuleID: "A2", Line: n - 1, Edits: []finding.Edit{{Line: n, Column: 1, EndLine: n, EndColumn: 1, Text: "USER 1\n"}}}}
			}},
			opt:  all("A1", "A2"),
			want: "\ufeffFROM scratch AS final\nCMD [\"/app\"]\nUSER 1", fixed: 2,
		},
		{
			name:  "a line continuation in an edit takes the file's escape token",
			in:    "# escape=`\nFROM scratch\nCMD [\"C:\\\\app.exe\"]\n",
			rules: []rule{insertBefore("A1", "LABEL a=1 \\\n  b=2", "CMD")},
			opt:   all("A1"),
			// The LABEL spans two lines: insertBefore sees "LABEL a=1 `"
			// and stays quiet.
			want: "# escape=`\nFROM scratch\nLABEL a=1 `\n  b=2\nCMD [\"C:\\\\app.exe\"]\n", fixed: 1,
		},
		{
			name:  "a fix that breaks the parse is left out",
			in:    "FROM scratch\nCMD [\"/app\"]\n",
			rules: []rule{replaceWord("A1", "FROM scratch", "RUN true")},
			opt:   all("A1"),
			want:  "FROM scratch\nCMD [\"/app\"]\n", noteMatch: "A1 at line 1 was not applied: the result would not parse",
		},
		{
			name:  "a fix that changes the escape directive is left out",
			in:    "FROM scratch\nCMD [\"/app\"]\n",
			rules: []rule{insertBefore("A1", "# escape=`", "FROM")},
			opt:   all("A1"),
			want:  "FROM scratch\nCMD [\"/app\"]\n", noteMatch: "parser directives",
		},
		{
			name:  "fixes that undo each other stop",
			in:    "FROM scratch\nCMD [\"/a\"]\n",
			rules: []rule{replaceWord("A1", "/a", "/b"), replaceWord("A2", "/b", "/a")},
			opt:   all("A1", "A2"),
			want:  "FROM scratch\nCMD [\"/b\"]\n", fixed: 1, noteMatch: "undo each other", flaps: true,
		},
		{
			name: "a fix that never removes its finding stops after MaxPasses",
			in:   "FROM scratch\nCMD [\"/a\"]\n",
			rules: []rule{func(lines []string) []finding.Finding {
				return []finding.Finding{{RuleID: "A1", Line: 2, Edits: []finding.Edit{{Line: 2, Column: 7, EndLine: 2, EndColumn: 7, Text: "/a"}}}}
			}},
			opt:  Options{Unsafe: true, MaxPasses: 3},
			want: "FROM scratch\nCMD [\"/a/a/a/a\"]\n", fixed: 3, noteMatch: "stopped after 3 rounds",
		},
		{
			name: "an edit outside the file is left out",
			in:   "FROM scratch\n",
			rules: []rule{func([]string) []finding.Finding {
				return []finding.Finding{{RuleID: "A1", Line: 1, Edits: []finding.Edit{{Line: 7, Column: 1, EndLine: 7, EndColumn: 1, Text: "x"}}}}
			}},
			opt:  Options{Unsafe: true},
			want: "FROM scratch\n", noteMatch: "A1 at line 1 was not applied: line 7 is outside the file",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := File(context.Background(), []byte(tc.in), fakeLint(tc.rules...), tc.opt)
			if string(o.After) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", o.After, tc.want)
			}
			if len(o.Fixed) != tc.fixed {
				t.Errorf("fixed %d, want %d", len(o.Fixed), tc.fixed)
			}
			notes := strings.Join(o.Notes, "\n")
			if (tc.noteMatch == "") != (notes == "") || !strings.Contains(notes, tc.noteMatch) {
				t.Errorf("notes %q, want one with %q", notes, tc.noteMatch)
			}
			if o.Result.Err != nil {
				t.Errorf("result error %v", o.Result.Err)
			}
			// Idempotent: fixing the result changes nothing (a fix that
			// never converges is the exception it notes).
			if tc.opt.MaxPasses == 0 && !tc.flaps {
				again := File(context.Background(), o.After, fakeLint(tc.rules...), tc.opt)
				if again.Changed() {
					t.Errorf("a second run changed the file:\n%q", again.After)
				}
			}
		})
	}
}

func TestFileRefusesAFileThatDoesNotParse(t *testing.T) {
	in := []byte("RUN go build\nFROM scratch\n")
	o := File(context.Background(), in, fakeLint(replaceWord("A1", "go build", "CGO_ENABLED=0 go build")), Options{Unsafe: true})
	if o.Changed() || o.Result.Err == nil || len(o.Fixed) != 0 {
		t.Errorf("a file that does not parse was changed or not refused: %+v", o)
	}
}

func TestDiff(t *testing.T) {
	before := []byte("FROM scratch\nCMD /app\n")
	after := []byte("FROM scratch\nCMD [\"/app\"]\n")
	want := "--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n@@ -1,2 +1,2 @@\n FROM scratch\n-CMD /app\n+CMD [\"/app\"]\n"
	if got := Diff("svc/Dockerfile", before, after); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Diff("Dockerfile", before, before); got != "" {
		t.Errorf("no change gave %q", got)
	}
	if got := Diff("/abs/Dockerfile", before, after); !strings.HasPrefix(got, "--- /abs/Dockerfile\n+++ /abs/Dockerfile\n") {
		t.Errorf("absolute path: %q", got)
	}
}
