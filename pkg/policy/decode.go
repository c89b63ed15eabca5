package policy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/safeio"
	"github.com/golint-docker/golint-docker/pkg/schemamatch"
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
	var list any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // 1.5 is not an integer, 1e300 is not a float64's
	err := dec.Decode(&list)
	if err == nil && dec.More() {
		err = errors.New("data after the list")
	}
	if err != nil {
		return nil, fmt.Errorf("the findings are not JSON: %s", safeio.Excerpt(err.Error(), 100))
	}
	items, ok := list.([]any)
	if !ok {
		return nil, fmt.Errorf("the findings are not a list but %s", jsonType(list))
	}
	for _, item := range items {
		problems, err := matchSchema(item)
		if err != nil {
			return nil, err
		}
		if len(problems) > 0 {
			return nil, badFinding(item, problems, rules)
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
func badFinding(item any, problems []string, rules map[string]*Rule) error {
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
	return fmt.Errorf("%s returned a bad finding: %s", who, safeio.Excerpt(strings.Join(problems, "; "), 300))
}

// findingSchemaValue is FindingSchema decoded, for json.match_schema.
var findingSchemaValue = sync.OnceValues(func() (any, error) {
	var v any
	err := json.Unmarshal([]byte(FindingSchema), &v)
	return v, err
})

// matchSchema checks one finding against FindingSchema (schemamatch). It
// returns
// what is wrong, sorted: "line: got string, want integer; msg: missing
// (want string)"; none if the finding matches.
func matchSchema(item any) ([]string, error) {
	if _, ok := item.(map[string]any); !ok {
		// json.match_schema would read a string as a JSON document.
		return []string{"got " + strings.TrimPrefix(strings.TrimPrefix(jsonType(item), "an "), "a ") + ", want object"}, nil
	}
	schema, err := findingSchemaValue()
	if err != nil {
		return nil, err
	}
	found, err := schemamatch.Match(item, schema)
	if err != nil {
		return nil, fmt.Errorf("checking a finding against its schema: %w", err)
	}
	if len(found) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	var parts []string
	for _, f := range found {
		p := schemaProblem(item, f.Type, f.Field, f.Desc)
		if p != "" && !seen[p] {
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
		parts = []string{"does not match the schema"}
	}
	return parts, nil
}

// schemaProblem says one thing json.match_schema found wrong (its type,
// the dotted path of the field and gojsonschema's description) in the
// words of the rule's author: "line: got string, want integer",
// "msg: missing (want string)", "edits.0: missing property 'end_line'",
// "line: minimum: got 0, want 1".
func schemaProblem(item any, typ, field, desc string) string {
	got := valueAt(item, field)
	var msg string
	switch typ {
	case "number_not":
		return "" // "value" present: badFinding says so
	case "invalid_type":
		var want, given string
		if _, err := fmt.Sscanf(desc, "Invalid type. Expected: %s given: %s", &want, &given); err != nil {
			msg = desc
			break
		}
		want = strings.TrimSuffix(want, ",")
		if given == "integer" {
			given = "number"
		}
		msg = "got " + given + ", want " + want
		if given == "null" {
			msg = "missing (want " + want + ")"
		}
	case "required":
		msg = fmt.Sprintf("missing property '%s'", strings.TrimSuffix(desc, " is required"))
	case "pattern":
		s, _ := got.(string)
		msg = fmt.Sprintf("'%s' does not match pattern%s", safeio.Excerpt(s, 40), strings.TrimPrefix(desc, "Does not match pattern"))
	case "number_gte", "string_gte", "string_lte", "array_max_items":
		keyword := map[string]string{"number_gte": "minimum", "string_gte": "minLength", "string_lte": "maxLength", "array_max_items": "maxItems"}[typ]
		limit := desc[strings.LastIndexByte(desc, ' ')+1:]
		if typ == "array_max_items" { // "Array must have at most 1000 items"
			limit = strings.Fields(desc)[len(strings.Fields(desc))-2]
		}
		switch g := got.(type) {
		case string:
			got = len([]rune(g))
		case []any:
			got = len(g)
		}
		msg = fmt.Sprintf("%s: got %v, want %s", keyword, got, limit)
	default:
		msg = strings.ToLower(desc)
	}
	if field == "" {
		return msg
	}
	if field == "message" {
		field = "msg" // as the rule wrote it
	} else if rest, ok := strings.CutPrefix(field, "message."); ok {
		field = "msg." + rest
	}
	return field + ": " + msg
}

// valueAt finds the value at a dotted path ("edits.0.line") in a decoded
// finding; nil if there is none.
func valueAt(v any, path string) any {
	if path == "" {
		return v
	}
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
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
