package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// github writes GitHub Actions workflow commands, one line per finding, which
// the runner turns into annotations on the files:
//
//	::error file=F,line=5,endLine=6,title=GD004 cgo-disabled%3A go build ...::message. Fix: fix%0ASuggested change:%0A    RUN CGO_ENABLED=0 go build ...
//
// error → ::error, warning → ::warning, info → ::notice. A file that could not
// be linted is ::error file=F,line=L::message (no line when it is unknown).
// Close writes nothing: the step's log and exit status carry the outcome.
type github struct {
	w   io.Writer
	err error
}

func newGitHub(w io.Writer, _ Tool, _ Options) Writer {
	return &github{w: w}
}

func (g *github) command(name string, props [][2]string, message string) {
	if g.err != nil {
		return
	}
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(name)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p[0])
		b.WriteByte('=')
		b.WriteString(githubEscapeProperty(clean(p[1])))
	}
	b.WriteString("::")
	// The runner turns %0A back into a line break in the annotation: each
	// line of the message is made inert, not just the first.
	b.WriteString(githubEscapeData(cleanText(message)))
	b.WriteByte('\n')
	_, g.err = io.WriteString(g.w, b.String())
}

func githubCommand(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "notice"
}

func (g *github) Write(r Result) error {
	for _, f := range r.Findings {
		props := [][2]string{{"file", filepath.ToSlash(findingFile(r, f))}}
		if f.Line > 0 {
			props = append(props,
				[2]string{"line", fmt.Sprint(f.Line)},
				[2]string{"endLine", fmt.Sprint(endLine(f))})
		}
		title := f.RuleID
		if f.RuleName != "" && f.RuleName != f.RuleID {
			title += " " + f.RuleName
		}
		if f.Title != "" {
			title += ": " + f.Title
		}
		props = append(props, [2]string{"title", title})
		g.command(githubCommand(f.Severity), props, messageWithFix(f)+suggested(f))
	}
	if r.Err != nil {
		props := [][2]string{{"file", filepath.ToSlash(errorFile(r))}}
		if r.Err.Line > 0 {
			props = append(props, [2]string{"line", fmt.Sprint(r.Err.Line)})
		}
		g.command("error", props, r.Err.Msg)
	}
	for _, n := range r.Notes {
		g.command("warning", [][2]string{{"file", filepath.ToSlash(r.File)}, {"title", "golint-docker"}}, n)
	}
	return g.err
}

func (g *github) Close(Summary) error { return g.err }

// suggested shows the lines a finding's edits touch as they would read
// after them (what --fix writes), indented below the message.
func suggested(f finding.Finding) string {
	if f.Replacement == "" {
		return ""
	}
	lines := strings.Split(strings.TrimSuffix(f.Replacement, "\n"), "\n")
	return "\nSuggested change:\n    " + strings.Join(lines, "\n    ")
}

// githubEscapeData escapes a command's message as the runner unescapes it.
func githubEscapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// githubEscapeProperty escapes a property value: the message escapes, and
// the ':' and ',' that would end it.
func githubEscapeProperty(s string) string {
	s = githubEscapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}
