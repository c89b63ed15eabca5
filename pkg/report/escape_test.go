package report

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// hostile is text a stranger's Dockerfile, file name, policy or OPA server
// can put in a report: terminal escapes (window title, screen clear), BEL,
// NUL, DEL, a C1 CSI, a bidi override, CR and LF, and workflow commands at
// a line start, after a %0A, and in the old ##[ form.
const hostile = "x\x1b]0;pwned\x07\x1b[2J\x00\x7f\u009b31m\u202eevil\r\n::error file=a::injected\n  ::add-mask::secret%0A::warning::more ##[set-env name=X]y"

func hostileResults() []Result {
	return []Result{{
		File: "::warning file=x::" + hostile + ".Dockerfile",
		Findings: []finding.Finding{{
			RuleID: "X1" + hostile, RuleName: "evil", Title: hostile, Severity: finding.Error, Line: 2, EndLine: 3,
			Message: hostile, Fix: hostile, Replacement: hostile + "\n", HelpURI: "javascript:alert(document.domain)",
		}},
		Lines: []string{"FROM scratch", "RUN x", "RUN y"},
	}, {
		File: hostile,
		Err:  &FileError{File: hostile, Line: 1, Msg: hostile},
	}}
}

var controls = regexp.MustCompile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")

// TestHumanFormatsAreInert: no control character reaches a terminal or a
// CI page, and no line can pass for a GitHub workflow command.
func TestHumanFormatsAreInert(t *testing.T) {
	tool := Tool{Name: "golint-docker", Rules: []finding.Rule{{ID: "X1" + hostile, Name: "evil", Title: hostile, HelpURI: "javascript:alert(1)"}}}
	for _, format := range []string{"tty", "github", "checkstyle", "junit", "gitlab"} {
		t.Run(format, func(t *testing.T) {
			out := string(render(t, format, tool, Options{Threshold: finding.Warning}, hostileResults(), Summary{Files: 2, Failed: 1}))
			text := strings.ReplaceAll(out, "\r\n", "\n")
			if m := controls.FindString(text); m != "" {
				t.Errorf("control character %q in:\n%s", m, out)
			}
			if !strings.Contains(out, `\x1b]0;pwned\x07`) && !strings.Contains(out, `\\x1b]0;pwned\\x07`) {
				t.Errorf("the escape is not shown escaped:\n%s", out)
			}
			lines := strings.Split(text, "\n")
			if format == "github" {
				// The runner turns %0A back into line breaks in the
				// annotation; check the message's lines too.
				lines = nil
				for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
					if !regexp.MustCompile(`^::(error|warning|notice) `).MatchString(l) {
						t.Errorf("line is not one of ours: %q", l)
					}
					data := l[strings.Index(l[2:], "::")+4:]
					data = strings.NewReplacer("%0A", "\n", "%0D", "\r", "%25", "%").Replace(data)
					lines = append(lines, strings.Split(data, "\n")...)
				}
			}
			for _, l := range lines {
				if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") || strings.Contains(l, "##[") {
					t.Errorf("a line can start a workflow command: %q", l)
				}
			}
			if strings.Contains(out, "javascript:") && format != "tty" && format != "github" {
				t.Errorf("javascript: link in %s", format)
			}
		})
	}
}

// TestMachineFormatsKeepTheText: JSON and SARIF carry the exact text (JSON
// escaping is enough), but no help link that is not http(s).
func TestMachineFormatsKeepTheText(t *testing.T) {
	tool := Tool{Name: "golint-docker", Rules: []finding.Rule{{ID: "X1", Name: "evil", Title: "t", HelpURI: "javascript:alert(1)"}}}
	res := hostileResults()
	res[0].Findings[0].RuleID = "X1"
	for _, format := range []string{"json", "sarif"} {
		out := render(t, format, tool, Options{}, res, Summary{Files: 2, Failed: 1})
		if !json.Valid(out) {
			t.Fatalf("%s: not JSON", format)
		}
		if !strings.Contains(string(out), `\u001b]0;pwned\u0007`) {
			t.Errorf("%s does not keep the text exactly:\n%s", format, out)
		}
		if format == "sarif" && strings.Contains(string(out), "javascript:") {
			t.Errorf("sarif carries a javascript: help link:\n%s", out)
		}
	}
}
