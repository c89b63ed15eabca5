package policy

import (
	"encoding/json"
	"fmt"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// Decision is one finding as the findings query returns it, in process or
// from an OPA server.
// Its fields are named as in the JSON report.
type Decision struct {
	RuleID   string         `json:"rule_id"`
	RuleName string         `json:"rule_name"`
	Title    string         `json:"title"`
	Severity string         `json:"severity"`
	Message  string         `json:"message"`
	Line     json.Number    `json:"line"`
	EndLine  json.Number    `json:"end_line"`
	Fix      string         `json:"fix"`
	Edits    []finding.Edit `json:"edits"`
	HelpURI  string         `json:"help_uri"`
}

// Decode turns the value of the findings query (a set, seen as a JSON array)
// into findings. A rule that returns a malformed finding is an error naming it.
func (e *Engine) Decode(v any) ([]finding.Finding, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return DecodeJSON(raw, e.byKey)
}

// DecodeJSON decodes findings; rules supplies documentation for the rules it
// knows (it may be nil).
func DecodeJSON(raw []byte, rules map[string]*Rule) ([]finding.Finding, error) {
	var ds []Decision
	if err := json.Unmarshal(raw, &ds); err != nil {
		return nil, fmt.Errorf("the findings are not a list of objects: %w", err)
	}
	out := make([]finding.Finding, 0, len(ds))
	for _, d := range ds {
		f, err := d.finding(rules)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func (d Decision) finding(rules map[string]*Rule) (finding.Finding, error) {
	f := finding.Finding{RuleID: d.RuleID, RuleName: d.RuleName, Title: d.Title, Message: d.Message, Fix: d.Fix, Edits: d.Edits, HelpURI: d.HelpURI}
	if r := rules[keyOf(d.RuleName)]; r != nil {
		f.RuleName = r.Name
		if f.HelpURI == "" {
			f.HelpURI = r.HelpURI
		}
	}
	sev, err := finding.ParseSeverity(d.Severity)
	if err != nil {
		return f, fmt.Errorf("rule %s: %w", d.RuleName, err)
	}
	f.Severity = sev
	line, err := d.Line.Int64()
	if err != nil || line < 1 {
		return f, fmt.Errorf("rule %s returned a finding without a valid line (%q): every finding needs \"line\"", d.RuleName, d.Line)
	}
	f.Line = int(line)
	f.EndLine = f.Line
	if d.EndLine != "" {
		if end, err := d.EndLine.Int64(); err == nil && int(end) >= f.Line {
			f.EndLine = int(end)
		}
	}
	if d.Message == "" {
		return f, fmt.Errorf("rule %s returned a finding without \"msg\"", d.RuleName)
	}
	return f, nil
}
