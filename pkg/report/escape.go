package report

import (
	"strings"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Everything a report says about a file — its name, the rules' messages and
// fixes, a policy's title, an OPA server's reply — may come from a
// stranger's pull request or a downloaded policy. The formats people read
// (tty, github, checkstyle, junit, gitlab) show it with control characters
// made visible (no terminal escape reaches the screen, no NUL or bidi
// override hides text) and never let a line start a GitHub workflow
// command. JSON and SARIF keep the text exactly (JSON escaping suffices).

// clean is untrusted text for one line of a human-facing report (which may
// be printed into a CI log: no "##[", the runner's old command syntax).
func clean(s string) string {
	return strings.ReplaceAll(safeio.Escape(s), "##[", `##\[`)
}

// cleanLines is untrusted text whose newlines are meant (a fix, a
// replacement), as lines each made clean.
func cleanLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = clean(strings.TrimSuffix(l, "\r"))
	}
	return lines
}

// cleanText is untrusted text whose newlines may stay (XML and JSON
// formats carry them): each line made clean, CRLF read as LF.
func cleanText(s string) string {
	lines := cleanLines(s)
	for i, l := range lines {
		lines[i] = inert(l)
	}
	return strings.Join(lines, "\n")
}

// inert keeps a line from being read as a workflow command by the Actions
// runner, which runs "::name ...::data" at the start of any line of a
// step's output, after leading whitespace (clean has taken care of the
// older "##[name]data", found anywhere in a line).
func inert(line string) string {
	rest := strings.TrimLeft(line, " \t")
	if strings.HasPrefix(rest, "::") {
		i := len(line) - len(rest)
		return line[:i] + `\` + rest
	}
	return line
}

// helpLink is a help link a report may carry: http(s) only.
func helpLink(s string) string { return safeio.HTTPURL(s) }
