package pragma

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

const src = `# golint-docker global ignore=GD017 k8s probes instead
FROM golang:1.27 AS build
# golint-docker ignore=GD005,trimpath debug build on purpose
# (kept symbols for pprof)
RUN go build -o /app .

RUN go build -o /other .
# golint-docker ignore=GD004 not above anything

RUN apk add git \
    # golint-docker ignore=GD007 inside the instruction
    && go build -o /third .
FROM scratch
`

func spans() []Span {
	return []Span{{2, 2}, {5, 5}, {7, 7}, {10, 12}, {13, 13}}
}

func TestSuppressed(t *testing.T) {
	s := Parse(strings.Split(src, "\n"), spans())
	for _, tc := range []struct {
		id, name string
		line     int
		want     bool
	}{
		{"GD017", "no-healthcheck", 13, true},  // global
		{"GD005", "ldflags-strip", 5, true},    // by id, comment block above
		{"GD006", "trimpath", 5, true},         // by name
		{"gd006", "TRIMPATH", 5, true},         // case-insensitive
		{"GD005", "ldflags-strip", 7, false},   // next instruction is not covered
		{"GD004", "cgo-disabled", 10, false},   // blank line breaks the block
		{"GD007", "go-cache-mounts", 12, true}, // inside a multi-line RUN
		{"GD007", "go-cache-mounts", 13, false},
	} {
		f := finding.Finding{RuleID: tc.id, RuleName: tc.name, Line: tc.line}
		if got := s.Suppressed(f); got != tc.want {
			t.Errorf("%s/%s line %d: suppressed=%v, want %v", tc.id, tc.name, tc.line, got, tc.want)
		}
	}
}

func TestNotAPragma(t *testing.T) {
	s := Parse([]string{"# golint-docker: ignore=GD001", "#golint-docker ignored=GD001", "FROM scratch"}, []Span{{3, 3}})
	if s.Suppressed(finding.Finding{RuleID: "GD001", Line: 3}) {
		t.Error("a malformed pragma suppressed a finding")
	}
}

func TestUnused(t *testing.T) {
	src := strings.Split(`# golint-docker global ignore=GD017,no-expose probes and no port
FROM golang:1.27 AS build
# golint-docker ignore=GD005,trimpath,GD0006 debug build on purpose
RUN go build -o /app .
# golint-docker ignore=GD004 not above anything

RUN go build -o /other .
# golint-docker ignore=all
RUN go build -o /third .
FROM scratch
# golint-docker ignore=StageNameCasing off today
COPY --from=build /app /app
`, "\n")
	s := Parse(src, []Span{{2, 2}, {4, 4}, {7, 7}, {9, 9}, {10, 10}, {12, 12}})
	// What the rules found: GD017 (silenced by the global pragma) and
	// GD005 on line 4; nothing for trimpath, no-expose, GD004, all.
	for _, f := range []finding.Finding{
		{RuleID: "GD017", RuleName: "no-healthcheck", Line: 10},
		{RuleID: "GD005", RuleName: "ldflags-strip", Line: 4},
	} {
		if !s.Suppressed(f) {
			t.Fatalf("%s not suppressed", f.RuleID)
		}
	}
	known := map[string]bool{"gd017": true, "no-expose": true, "gd005": true, "trimpath": true, "gd004": true, "stagenamecasing": true}
	checks := Checks{
		Known: func(n string) bool { return known[strings.ToLower(n)] },
		// BuildKit's checks did not run.
		Ran: func(n string) bool { return !strings.EqualFold(n, "StageNameCasing") },
	}
	got := map[int]finding.Finding{}
	for _, f := range s.Unused(checks) {
		if f.RuleID != "GD100" || f.RuleName != "unused-pragma" || f.Severity != finding.Info || f.EndLine != f.Line {
			t.Errorf("malformed finding %+v", f)
		}
		got[f.Line] = f
	}
	want := map[int]struct {
		msg   string
		edits []finding.Edit
	}{
		1: {"golint-docker pragma: no-expose silences nothing in this file",
			[]finding.Edit{{Line: 1, Column: 31, EndLine: 1, EndColumn: 46, Text: "GD017"}}},
		3: {`golint-docker pragma: trimpath silences nothing on the instruction at line 4; "GD0006" names no rule`,
			[]finding.Edit{{Line: 3, Column: 24, EndLine: 3, EndColumn: 45, Text: "GD005"}}},
		5: {"golint-docker pragma: ignore=GD004 applies to no instruction", nil},
		8: {"golint-docker pragma: all silences nothing on the instruction at line 9",
			[]finding.Edit{{Line: 8, Column: 1, EndLine: 9, EndColumn: 1}}},
	}
	for line, w := range want {
		f, ok := got[line]
		if !ok {
			t.Errorf("line %d: not reported; want %q", line, w.msg)
			continue
		}
		if f.Message != w.msg {
			t.Errorf("line %d: %q, want %q", line, f.Message, w.msg)
		}
		if fmt.Sprint(f.Edits) != fmt.Sprint(w.edits) {
			t.Errorf("line %d: edits %+v, want %+v", line, f.Edits, w.edits)
		}
	}
	for line, f := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected %q", line, f.Message)
		}
	}
	// The edits leave a pragma that still parses, with the names kept.
	for line, text := range map[int]string{
		1: "# golint-docker global ignore=GD017 probes and no port",
		3: "# golint-docker ignore=GD005 debug build on purpose",
	} {
		e := got[line].Edits[0]
		l := src[line-1]
		if after := l[:e.Column-1] + e.Text + l[e.EndColumn-1:]; after != text {
			t.Errorf("line %d after the edit: %q, want %q", line, after, text)
		}
	}
	if !strings.Contains(got[5].Fix, "right above the instruction") {
		t.Errorf("a detached pragma's fix: %q", got[5].Fix)
	}
}

// TestUnusedCannotTell: when the findings depend on --target or build
// arguments (Ran is nil) only what is wrong whatever the build is reported:
// unknown rules and detached pragmas.
func TestUnusedCannotTell(t *testing.T) {
	src := strings.Split("FROM golang:1.27\n# golint-docker ignore=GD005,GD0005\nRUN go build .\n# golint-docker ignore=GD006\n\nRUN go build .\n", "\n")
	s := Parse(src, []Span{{1, 1}, {3, 3}, {6, 6}})
	fs := s.Unused(Checks{Known: func(n string) bool { return n == "GD005" || n == "GD006" }})
	if len(fs) != 2 || fs[0].Message != `golint-docker pragma: "GD0005" names no rule` || fs[1].Message != "golint-docker pragma: ignore=GD006 applies to no instruction" {
		t.Errorf("got %+v", fs)
	}
	// Without the list of rules (an OPA server's bundle), not even that.
	if fs := s.Unused(Checks{}); len(fs) != 1 || fs[0].Line != 4 {
		t.Errorf("got %+v", fs)
	}
}
