package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), one run,
// written on Close. What GitHub code scanning and Microsoft's SARIF validator
// (Sarif.Multitool validate --rule-kind "Gh;Sarif") want is there: every rule
// with fullDescription and help, relative locations under %SRCROOT%, columns
// in UTF-16 code units as SARIF counts them by default.

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// sarifSrcRoot is the base of relative artifact locations: the folder
	// the tool ran in (GitHub's upload-sarif resolves it to the checkout).
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprint names the stable identity of a result across runs.
	sarifFingerprint = "golintDocker/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name,omitempty"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     *sarifText            `json:"description,omitempty"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifWriter struct {
	w             io.Writer
	driver        sarifDriver
	ruleIndex     map[string]int
	results       []sarifResult
	notifications []sarifNotification
}

func newSARIF(w io.Writer, tool Tool, _ Options) Writer {
	s := &sarifWriter{
		w: w,
		driver: sarifDriver{
			Name:            tool.Name,
			Version:         tool.Version,
			SemanticVersion: semanticVersion(tool.Version),
			InformationURI:  tool.InformationURI,
			Rules:           []sarifRule{},
		},
		ruleIndex: map[string]int{},
		results:   []sarifResult{},
	}
	for _, r := range tool.Rules {
		s.addRule(r)
	}
	return s
}

// addRule adds r to the rules unless a rule with its id is there already,
// and returns its index.
func (s *sarifWriter) addRule(r finding.Rule) int {
	if i, ok := s.ruleIndex[r.ID]; ok {
		return i
	}
	i := len(s.driver.Rules)
	s.ruleIndex[r.ID] = i
	s.driver.Rules = append(s.driver.Rules, sarifRuleOf(r))
	return i
}

func sarifRuleOf(r finding.Rule) sarifRule {
	short := firstNonEmpty(r.Title, r.Name, r.ID)
	full := firstNonEmpty(r.Description, short)
	tags := []string{"dockerfile", "go"}
	if r.Source != "" && r.Source != "dockerfile" && r.Source != "go" {
		tags = append(tags, r.Source)
	}
	name := r.Name
	if name == r.ID {
		// SARIF wants the name to be something other than the id.
		name = ""
	}
	return sarifRule{
		ID:               r.ID,
		Name:             name,
		ShortDescription: sarifText{Text: short},
		FullDescription:  sarifText{Text: full},
		Help: sarifHelp{
			Text:     helpText(r, full),
			Markdown: helpMarkdown(r, full),
		},
		HelpURI:              helpLink(r.HelpURI),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProperty{Tags: tags},
	}
}

func helpText(r finding.Rule, description string) string {
	parts := []string{description}
	if r.Fix != "" {
		parts = append(parts, "Fix: "+r.Fix)
	}
	if r.Bad != "" {
		parts = append(parts, "Bad:\n"+indent(r.Bad, "    "))
	}
	if r.Good != "" {
		parts = append(parts, "Good:\n"+indent(r.Good, "    "))
	}
	return strings.Join(parts, "\n\n")
}

func helpMarkdown(r finding.Rule, description string) string {
	parts := []string{description}
	if r.Fix != "" {
		parts = append(parts, "**Fix:** "+r.Fix)
	}
	if r.Bad != "" {
		parts = append(parts, "**Bad:**\n\n"+codeBlock(r.Bad))
	}
	if r.Good != "" {
		parts = append(parts, "**Good:**\n\n"+codeBlock(r.Good))
	}
	return strings.Join(parts, "\n\n")
}

// codeBlock fences text as a Dockerfile, with a fence longer than any run of
// backticks inside it.
func codeBlock(text string) string {
	text = strings.TrimRight(text, "\n")
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence + "dockerfile\n" + text + "\n" + fence
}

func indent(text, prefix string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	}
	return "note"
}

// semanticVersion is version without a leading "v" when that is a semantic
// version (MAJOR.MINOR.PATCH[-pre][+build]), else "": a "dev" build has none.
func semanticVersion(version string) string {
	v := strings.TrimPrefix(version, "v")
	core, build, hasBuild := strings.Cut(v, "+")
	core, pre, hasPre := strings.Cut(core, "-")
	if (hasBuild && !identifiers(build)) || (hasPre && !identifiers(pre)) {
		return ""
	}
	nums := strings.Split(core, ".")
	if len(nums) != 3 {
		return ""
	}
	for _, n := range nums {
		if n == "" || (len(n) > 1 && n[0] == '0') || strings.Trim(n, "0123456789") != "" {
			return ""
		}
	}
	return v
}

// identifiers reports whether s is dot-separated non-empty runs of
// [0-9A-Za-z-], as semver's pre-release and build parts are.
func identifiers(s string) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return false
		}
		for _, c := range id {
			if !(c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return false
			}
		}
	}
	return true
}

// sarifArtifact locates a file: a relative path as a forward-slash,
// percent-escaped relative reference under %SRCROOT%, an absolute path as a
// file:// URI.
func sarifArtifact(path string) sarifArtifactLocation {
	if filepath.IsAbs(path) {
		p := filepath.ToSlash(path)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x → /C:/x
		}
		u := url.URL{Scheme: "file", Path: p}
		return sarifArtifactLocation{URI: u.String()}
	}
	// url.URL escapes what a path segment cannot hold, and writes "./a:b"
	// for a first segment with a colon, which would otherwise read as a
	// scheme.
	u := url.URL{Path: strings.TrimPrefix(filepath.ToSlash(path), "./")}
	return sarifArtifactLocation{URI: u.String(), URIBaseID: sarifSrcRoot}
}

func (s *sarifWriter) Write(r Result) error {
	for _, f := range r.Findings {
		s.results = append(s.results, s.result(r, f))
	}
	if r.Err != nil {
		n := sarifNotification{Level: "error", Message: sarifText{Text: r.Err.Msg}}
		loc := sarifPhysicalLocation{ArtifactLocation: sarifArtifact(errorFile(r))}
		if r.Err.Line > 0 {
			loc.Region = &sarifRegion{StartLine: r.Err.Line}
		}
		n.Locations = []sarifLocation{{PhysicalLocation: loc}}
		s.notifications = append(s.notifications, n)
	}
	for _, note := range r.Notes {
		s.notifications = append(s.notifications, sarifNotification{
			Level:     "warning",
			Message:   sarifText{Text: note},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifact(r.File)}}},
		})
	}
	return nil
}

func (s *sarifWriter) result(r Result, f finding.Finding) sarifResult {
	i, ok := s.ruleIndex[f.RuleID]
	if !ok {
		// A rule that is not in Tool.Rules (it should be): describe it
		// from the finding rather than fail.
		i = s.addRule(finding.Rule{
			ID:       f.RuleID,
			Name:     f.RuleName,
			Title:    f.Title,
			Severity: f.Severity,
			Fix:      f.Fix,
			HelpURI:  f.HelpURI,
		})
	}
	file := findingFile(r, f)
	artifact := sarifArtifact(file)
	loc := sarifPhysicalLocation{ArtifactLocation: artifact}
	switch {
	case f.Line > 0:
		loc.Region = &sarifRegion{StartLine: f.Line, EndLine: endLine(f)}
	case len(r.Lines) > 0:
		// A finding about the whole file: the whole file, as SARIF
		// suggests, when its length is known.
		loc.Region = &sarifRegion{StartLine: 1, EndLine: len(r.Lines)}
	}
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: i,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: messageWithFix(f)},
		Locations: []sarifLocation{{PhysicalLocation: loc}},
	}
	if f.Line > 0 && f.Line <= len(r.Lines) {
		res.PartialFingerprints = map[string]string{
			sarifFingerprint: hashHex(f.RuleID, filepath.ToSlash(file), strings.TrimSpace(r.Lines[f.Line-1])),
		}
	}
	if fix, ok := sarifFixOf(f, artifact, r.Lines); ok {
		res.Fixes = []sarifFix{fix}
	}
	return res
}

// sarifFixOf turns the finding's edits into a SARIF fix, converting their
// byte columns to UTF-16 columns on the file's lines. Without the lines, or
// with an edit that does not fit them, there is no fix: wrong columns would
// be worse than none.
func sarifFixOf(f finding.Finding, artifact sarifArtifactLocation, lines []string) (sarifFix, bool) {
	if len(f.Edits) == 0 || lines == nil {
		return sarifFix{}, false
	}
	change := sarifArtifactChange{ArtifactLocation: artifact}
	for _, e := range f.Edits {
		region, err := utf16Region(lines, e)
		if err != nil {
			return sarifFix{}, false
		}
		change.Replacements = append(change.Replacements, sarifReplacement{
			DeletedRegion:   region,
			InsertedContent: sarifText{Text: e.Text},
		})
	}
	fix := sarifFix{ArtifactChanges: []sarifArtifactChange{change}}
	if d := strings.TrimSpace(f.Fix); d != "" {
		fix.Description = &sarifText{Text: d}
	}
	return fix, true
}

// utf16Region is the region an edit deletes, with 1-based columns in UTF-16
// code units. Column 0 is the start of the line, end column 0 its end, as in
// unnormalized whole-line edits.
func utf16Region(lines []string, e finding.Edit) (sarifRegion, error) {
	if e.Line < 1 || e.EndLine < e.Line || e.EndLine > len(lines)+1 {
		return sarifRegion{}, fmt.Errorf("edit lines %d-%d outside the file", e.Line, e.EndLine)
	}
	line := func(n int) string {
		if n > len(lines) {
			return ""
		}
		return lines[n-1]
	}
	col, endCol := max(e.Column, 1), e.EndColumn
	if endCol == 0 {
		endCol = len(line(e.EndLine)) + 1
	}
	start, err := utf16Column(line(e.Line), col)
	if err != nil {
		return sarifRegion{}, err
	}
	end, err := utf16Column(line(e.EndLine), endCol)
	if err != nil {
		return sarifRegion{}, err
	}
	if e.Line == e.EndLine && end < start {
		return sarifRegion{}, fmt.Errorf("edit ends before it starts")
	}
	return sarifRegion{StartLine: e.Line, StartColumn: start, EndLine: e.EndLine, EndColumn: end}, nil
}

// utf16Column converts a 1-based byte column of line to a 1-based column in
// UTF-16 code units: a character outside the Basic Multilingual Plane counts
// two, an invalid byte one (it reads as U+FFFD). The column must be at most
// one past the end of the line and not inside a character.
func utf16Column(line string, col int) (int, error) {
	if col < 1 || col-1 > len(line) {
		return 0, fmt.Errorf("column %d outside a line of %d bytes", col, len(line))
	}
	if col-1 < len(line) && !utf8.RuneStart(line[col-1]) {
		return 0, fmt.Errorf("column %d is inside a character", col)
	}
	units := 1
	for _, r := range line[:col-1] {
		if r > 0xFFFF {
			units += 2
		} else {
			units++
		}
	}
	return units, nil
}

func (s *sarifWriter) Close(sum Summary) error {
	inv := sarifInvocation{
		ExecutionSuccessful:        sum.Failed == 0,
		ToolExecutionNotifications: s.notifications,
	}
	return writeJSON(s.w, sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: s.driver},
			Invocations: []sarifInvocation{inv},
			ColumnKind:  "utf16CodeUnits",
			Results:     s.results,
		}},
	})
}
