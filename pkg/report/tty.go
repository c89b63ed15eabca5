package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// tty is the listing for people at a terminal, one block per finding as
// results arrive:
//
//	services/api/Dockerfile:5-6: error: message [GD004 cgo-disabled]
//	  fix: Prefix the build with CGO_ENABLED=0.
//	  suggested:
//	    | RUN CGO_ENABLED=0 go build -o /app .
//
// and a summary line on Close.
type tty struct {
	w    io.Writer
	path *color.Color
	id   *color.Color
	sev  map[finding.Severity]*color.Color
	err  error // the first write error; later writes are skipped
}

func newTTY(w io.Writer, _ Tool, opt Options) Writer {
	// Each writer has its own colours, switched on or off explicitly, so
	// neither the global color.NoColor nor another writer is touched.
	c := func(attrs ...color.Attribute) *color.Color {
		col := color.New(attrs...)
		if opt.Color {
			col.EnableColor()
		} else {
			col.DisableColor()
		}
		return col
	}
	return &tty{
		w:    w,
		path: c(color.Bold),
		id:   c(color.Faint),
		sev: map[finding.Severity]*color.Color{
			finding.Error:   c(color.FgRed),
			finding.Warning: c(color.FgYellow),
			finding.Info:    c(color.FgCyan),
		},
	}
}

// printf writes lines whose untrusted parts are already clean, each made
// inert: the tty format also ends up in CI logs.
func (t *tty) printf(format string, args ...any) {
	if t.err == nil {
		lines := strings.SplitAfter(fmt.Sprintf(format, args...), "\n")
		for i, l := range lines {
			lines[i] = inert(l)
		}
		_, t.err = io.WriteString(t.w, strings.Join(lines, ""))
	}
}

func (t *tty) severity(s finding.Severity) string {
	if c, ok := t.sev[s]; ok {
		return c.Sprint(s.String())
	}
	return s.String()
}

func (t *tty) Write(r Result) error {
	for _, f := range r.Findings {
		pos := fmt.Sprintf("%s:%d", clean(findingFile(r, f)), f.Line)
		if end := endLine(f); end > f.Line {
			pos += fmt.Sprintf("-%d", end)
		}
		rule := f.RuleID
		if f.RuleName != "" && f.RuleName != f.RuleID {
			rule += " " + f.RuleName
		}
		t.printf("%s: %s: %s %s\n", t.path.Sprint(inert(pos)), t.severity(f.Severity), clean(f.Message), t.id.Sprint("["+clean(rule)+"]"))
		if fix := strings.TrimSpace(f.Fix); fix != "" {
			t.printf("  fix: %s\n", strings.Join(cleanLines(fix), "\n       "))
		}
		if f.Replacement != "" {
			t.printf("  suggested:\n")
			for _, line := range cleanLines(strings.TrimSuffix(f.Replacement, "\n")) {
				t.printf("    | %s\n", line)
			}
		}
	}
	if r.Err != nil {
		pos := clean(errorFile(r))
		if r.Err.Line > 0 {
			pos += fmt.Sprintf(":%d", r.Err.Line)
		}
		t.printf("%s: %s: %s\n", t.path.Sprint(inert(pos)), t.severity(finding.Error), clean(r.Err.Msg))
	}
	return t.err
}

func (t *tty) Close(s Summary) error {
	t.printf("%s\n", ttySummary(s))
	return t.err
}

// ttySummary is "3 files linted: 2 errors, 1 warning, 4 infos, 1 file could
// not be linted", leaving out counts that are zero, or "no problems found in
// 3 files".
func ttySummary(s Summary) string {
	var parts []string
	for _, c := range []struct {
		sev  finding.Severity
		word string
	}{{finding.Error, "error"}, {finding.Warning, "warning"}, {finding.Info, "info"}} {
		if n := s.Findings[c.sev]; n > 0 {
			parts = append(parts, plural(n, c.word))
		}
	}
	if s.Failed > 0 {
		parts = append(parts, plural(s.Failed, "file")+" could not be linted")
	}
	if len(parts) == 0 {
		return "no problems found in " + plural(s.Files, "file")
	}
	return plural(s.Files, "file") + " linted: " + strings.Join(parts, ", ")
}
