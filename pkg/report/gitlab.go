package report

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// gitlab is GitLab's Code Quality report (artifacts:reports:codequality), a
// JSON array of issues, [] when there are none:
//
//	[
//	  {
//	    "description": "GD004: message",
//	    "check_name": "GD004",
//	    "fingerprint": "<hex SHA-256 of file, rule id, line and message>",
//	    "severity": "major",
//	    "location": {"path": "services/api/Dockerfile", "lines": {"begin": 5, "end": 6}}
//	  }
//	]
//
// Severities: error → major, warning → minor, info → info. A file that could
// not be linted is a "parse-error" issue of severity blocker (at line 1 when
// the line is unknown). The fingerprint is what GitLab uses to tell new
// issues from old ones, so it leaves out the fix text.
type gitlab struct {
	w      io.Writer
	issues []gitlabIssue
}

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

func newGitLab(w io.Writer, _ Tool, _ Options) Writer {
	return &gitlab{w: w, issues: []gitlabIssue{}}
}

func gitlabSeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "major"
	case finding.Warning:
		return "minor"
	}
	return "info"
}

func (g *gitlab) issue(check, severity, description, file string, begin, end int, message string) {
	file = filepath.ToSlash(file)
	begin = max(begin, 1)
	g.issues = append(g.issues, gitlabIssue{
		// GitLab shows these on merge requests: no control characters.
		Description: cleanText(description),
		CheckName:   clean(check),
		Fingerprint: hashHex(file, check, fmt.Sprint(begin), message),
		Severity:    severity,
		Location:    gitlabLocation{Path: clean(file), Lines: gitlabLines{Begin: begin, End: max(end, begin)}},
	})
}

func (g *gitlab) Write(r Result) error {
	for _, f := range r.Findings {
		g.issue(f.RuleID, gitlabSeverity(f.Severity), f.RuleID+": "+f.Message,
			findingFile(r, f), f.Line, endLine(f), f.Message)
	}
	if r.Err != nil {
		g.issue("parse-error", "blocker", r.Err.Msg, errorFile(r), r.Err.Line, r.Err.Line, r.Err.Msg)
	}
	return nil
}

func (g *gitlab) Close(Summary) error {
	return writeJSON(g.w, g.issues)
}
