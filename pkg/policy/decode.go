package policy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Decision is one finding as the findings query returns it, in process or
// from an OPA server (after FindingSchema has checked it). Its fields are
// named as in the JSON report.
type Decision struct {
	RuleID   string         `json:"rule_id"`
	RuleName string         `json:"rule_name"`
	Title    string         `json:"title"`
	Severity string         `json:"severity"`
	Message  string         `json:"message"`
	Line     int            `json:"line"`
	EndLine  int            `json:"end_line"`
	Fix      string         `json:"fix"`
	Edits    []finding.Edit `json:"edits"`
	HelpURI  string         `json:"help_uri"`
	// Value is a deny entry that was not an object (always an error).
	Value any `json:"value"`
}

// FindingSchema is the JSON Schema every finding must match: a rule of a
// downloaded policy is untrusted, and so is an OPA server's reply.
//
//go:embed finding.schema.json
var FindingSchema string

var findingSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(FindingSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("finding.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("finding.schema.json")
})

// Decode turns the value of the findings query (a set, seen as a JSON array)
// into findings. A rule that returns a malformed finding is an error naming it.
func (e *Engine) Decode(v any) ([]finding.Finding, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return DecodeJSON(raw, e.byKey)
}

// DecodeJSON decodes findings, each checked against FindingSchema; rules
// supplies documentation for the rules it knows (it may be nil), and names
// the policy file of a rule that wrote a bad finding.
func DecodeJSON(raw []byte, rules map[string]*Rule) ([]finding.Finding, error) {
	// The usual case, fast: every finding decodes and passes the checks
	// that say what the schema says. The schema itself runs only to say
	// what is wrong.
	var ds []Decision
	if err := json.Unmarshal(raw, &ds); err == nil {
		out := make([]finding.Finding, 0, len(ds))
		for _, d := range ds {
			if !d.valid() {
				out = nil
				break
			}
			out = append(out, d.finding(rules))
		}
		if out != nil || len(ds) == 0 {
			return out, nil
		}
	}
	list, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("the findings are not JSON: %s", safeio.Excerpt(err.Error(), 100))
	}
	items, ok := list.([]any)
	if !ok {
		return nil, fmt.Errorf("the findings are not a list but %s", jsonType(list))
	}
	schema, err := findingSchema()
	if err != nil {
		return nil, err
	}
	for _, item := range items {
		if err := schema.Validate(item); err != nil {
			return nil, badFinding(item, err, rules)
		}
	}
	// Every item matches the schema, yet the fast path refused one: the two
	// disagree, which is a bug here.
	return nil, errors.New("the findings match the schema but do not decode (please report it)")
}

// valid checks what FindingSchema requires, on a decoded finding.
func (d Decision) valid() bool {
	if d.RuleName == "" || d.Message == "" || len(d.Message) > 10000 || len(d.Fix) > 10000 || d.Line < 1 || d.EndLine < 0 || len(d.Edits) > 1000 || d.Value != nil {
		return false
	}
	if d.Severity != "" {
		if _, err := finding.ParseSeverity(d.Severity); err != nil || strings.TrimSpace(d.Severity) != d.Severity {
			return false
		}
	}
	for _, e := range d.Edits {
		if e.Line < 1 || e.EndLine < 1 || e.Column < 0 || e.EndColumn < 0 {
			return false
		}
	}
	return true
}

// badFinding names the rule, its policy file and what is wrong, quoting at
// most a short excerpt of what the rule returned.
func badFinding(item any, err error, rules map[string]*Rule) error {
	obj, _ := item.(map[string]any)
	name, _ := obj["rule_name"].(string)
	who := "a rule"
	if name != "" {
		who = "rule " + safeio.Excerpt(name, 60)
		if r := rules[keyOf(name)]; r != nil {
			who = fmt.Sprintf("%s: rule %s (%s)", r.File, r.Name, r.ID)
		}
	}
	if v, ok := obj["value"]; ok {
		got, _ := json.Marshal(v)
		return fmt.Errorf("%s: a deny entry must be an object with \"msg\" and \"line\", not %s", who, safeio.Excerpt(string(got), 60))
	}
	return fmt.Errorf("%s returned a bad finding: %s", who, schemaProblems(err))
}

// schemaProblems lists what the schema found wrong: "line: got string,
// want integer; msg: missing".
func schemaProblems(err error) string {
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return safeio.Excerpt(err.Error(), 200)
	}
	var parts []string
	seen := map[string]bool{}
	for _, u := range ve.BasicOutput().Errors {
		if u.Error == nil {
			continue
		}
		where := strings.TrimPrefix(u.InstanceLocation, "/")
		if where == "message" {
			where = "msg" // as the rule wrote it
		}
		msg := u.Error.String()
		if want, ok := strings.CutPrefix(msg, "got null, want "); ok {
			msg = "missing (want " + want + ")"
		}
		p := msg
		if where != "" {
			p = strings.ReplaceAll(where, "/", ".") + ": " + msg
		}
		if !seen[p] && !strings.HasPrefix(msg, "validation failed") {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	// end_line defaults to line: one problem, said once.
	parts = slices.DeleteFunc(parts, func(p string) bool {
		rest, ok := strings.CutPrefix(p, "end_line: ")
		return ok && seen["line: "+rest]
	})
	sort.Strings(parts)
	if len(parts) == 0 {
		return safeio.Excerpt(err.Error(), 200)
	}
	return safeio.Excerpt(strings.Join(parts, "; "), 300)
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	}
	return "a number"
}

func (d Decision) finding(rules map[string]*Rule) finding.Finding {
	f := finding.Finding{RuleID: d.RuleID, RuleName: d.RuleName, Title: d.Title, Message: d.Message, Fix: d.Fix, Edits: d.Edits, HelpURI: safeio.HTTPURL(d.HelpURI)}
	if r := rules[keyOf(d.RuleName)]; r != nil {
		f.RuleName = r.Name
		if f.HelpURI == "" {
			f.HelpURI = r.HelpURI
		}
	}
	f.Severity = finding.Warning
	if sev, err := finding.ParseSeverity(d.Severity); err == nil { // the schema allows only valid ones
		f.Severity = sev
	}
	f.Line = d.Line
	f.EndLine = max(d.EndLine, d.Line)
	return f
}
