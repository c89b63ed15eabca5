package report

import (
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// jsonDocument is the json format (--format json), version 1. It is one
// JSON document, indented by two spaces, written file by file as the run
// goes:
//
//	{
//	  "version": 1,
//	  "tool": {"name": "golint-docker", "version": "0.1.0"},
//	  "files": [
//	    {
//	      "file": "services/api/Dockerfile",
//	      "error": null,
//	      "findings": [
//	        {
//	          "rule_id": "GD004",
//	          "rule_name": "cgo-disabled",
//	          "title": "go build without CGO_ENABLED=0 for an image without glibc",
//	          "severity": "error",
//	          "file": "services/api/Dockerfile",
//	          "line": 5,
//	          "end_line": 5,
//	          "message": "...",
//	          "fix": "...",
//	          "edits": [{"line": 5, "column": 28, "end_line": 5, "end_column": 28, "text": "CGO_ENABLED=0 "}],
//	          "replacement": "RUN ...",
//	          "help_uri": "https://..."
//	        }
//	      ]
//	    },
//	    {
//	      "file": "tools/broken/Dockerfile",
//	      "error": {"line": 4, "message": "unknown instruction: FORM"},
//	      "findings": []
//	    }
//	  ],
//	  "summary": {"files": 2, "failed": 1, "errors": 1, "warnings": 0, "infos": 0}
//	}
//
// The rules of the format:
//
//   - "version" is 1; it changes only when a field changes meaning or goes
//     away. New fields may be added to any object without a version change.
//   - "files" lists every file linted, in the order they were reported
//     (sorted by path), clean files and files that failed included.
//   - "error" is null, or the reason the file could not be linted: "line" is
//     the line it refers to, 0 when unknown, and "message" says what went
//     wrong. A file that could not be linted has no findings ([]).
//   - "notes", only on a file that has some, lists what was left out of a
//     file that was linted (BuildKit's checks skipped on a huge file), one
//     sentence each; they are not errors.
//   - "findings" is never null: [] for a clean file. Findings come in
//     report order: by line, then rule id, then message. "severity" is "error",
//     "warning" or "info". "end_line" is the last line of the finding (at
//     least "line").
//     "fix" says what to do ("" when the rule has nothing to say).
//     "edits" (left out when there are none) does it: each edit replaces
//     the text from line:column up to, not including, end_line:end_column
//     with "text"; lines and columns are 1-based and columns count bytes of
//     the UTF-8 line. "replacement" (left out when there are no edits) is the
//     finding's lines as they read after the edits. "help_uri" is left out
//     when the rule has none.
//   - "summary" counts the files ("files", including those that failed),
//     the files that could not be linted ("failed"), and the findings by
//     severity.
//   - Strings are not HTML-escaped: "<", ">" and "&" appear as themselves.
type jsonDocument struct {
	Version int         `json:"version"`
	Tool    jsonTool    `json:"tool"`
	Files   []jsonFile  `json:"files"`
	Summary jsonSummary `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFile struct {
	File     string            `json:"file"`
	Error    *jsonError        `json:"error"`
	Notes    []string          `json:"notes,omitempty"`
	Findings []finding.Finding `json:"findings"`
}

type jsonError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Failed   int `json:"failed"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// jsonWriter streams the document: the header on the first file, each file
// as it comes, the summary on Close; memory does not grow with the number of
// files. The bytes are those encoding/json would give for jsonDocument.
type jsonWriter struct {
	w       io.Writer
	tool    jsonTool
	started bool
	files   int
	err     error
}

func newJSON(w io.Writer, tool Tool, _ Options) Writer {
	return &jsonWriter{w: w, tool: jsonTool{Name: tool.Name, Version: tool.Version}}
}

func (j *jsonWriter) start() {
	if j.started {
		return
	}
	j.started = true
	tool, err := indented(j.tool, "  ")
	if err != nil {
		j.err = err
		return
	}
	j.write("{\n  \"version\": 1,\n  \"tool\": " + tool + ",\n  \"files\": [")
}

func (j *jsonWriter) write(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

func (j *jsonWriter) Write(r Result) error {
	j.start()
	f := jsonFile{File: r.File, Notes: r.Notes, Findings: []finding.Finding{}}
	for _, fd := range r.Findings {
		fd.File = findingFile(r, fd)
		fd.EndLine = endLine(fd)
		fd.Edits = slices.Clone(fd.Edits)
		f.Findings = append(f.Findings, fd)
	}
	if r.Err != nil {
		f.Error = &jsonError{Line: r.Err.Line, Message: r.Err.Msg}
	}
	text, err := indented(f, "    ")
	if err != nil {
		return err
	}
	if j.files > 0 {
		j.write(",")
	}
	j.write("\n    " + text)
	j.files++
	return j.err
}

func (j *jsonWriter) Close(s Summary) error {
	j.start()
	if j.files > 0 {
		j.write("\n  ")
	}
	sum, err := indented(jsonSummary{
		Files:    s.Files,
		Failed:   s.Failed,
		Errors:   s.Findings[finding.Error],
		Warnings: s.Findings[finding.Warning],
		Infos:    s.Findings[finding.Info],
	}, "  ")
	if err != nil {
		return err
	}
	j.write("],\n  \"summary\": " + sum + "\n}\n")
	return j.err
}

// indented encodes v as it appears nested at prefix in a document indented
// by two spaces, without HTML escaping and without a final newline.
func indented(v any, prefix string) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// writeJSON writes v indented by two spaces, without HTML escaping, with a
// final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
