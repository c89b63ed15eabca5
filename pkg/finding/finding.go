// Package finding defines what a rule reports and how bad it is.
//
// It is public API: findings, rules' documentation, the result of a file
// and the one error type for a file golint-docker could not read, shared by
// every package and by programs that embed the linter.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings; the zero value is Info.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

var severityNames = []string{"info", "warning", "error"}

func (s Severity) String() string {
	if s < Info || s > Error {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "info", "warning" or "error" (also "warn", "note").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Edit replaces the text between two places of the file (1-based lines, 1-based
// byte columns, end exclusive) with Text. An insertion has start == end.
type Edit struct {
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Text      string `json:"text"`
}

// Finding is one problem in one file.
type Finding struct {
	RuleID   string   `json:"rule_id"`
	RuleName string   `json:"rule_name"`
	Title    string   `json:"title"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	EndLine  int      `json:"end_line"`
	Message  string   `json:"message"`
	// Fix says what to do; Edits do it where the change is local, and
	// Replacement shows the lines the edits touch as they would read after
	// them: edits far apart show as groups with a line "..." between.
	Fix         string `json:"fix"`
	Edits       []Edit `json:"edits,omitempty"`
	Replacement string `json:"replacement,omitempty"`
	HelpURI     string `json:"help_uri,omitempty"`
}

// Sort orders findings by file, line, rule and message: a stable report order.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// The values of Rule.FixSafety.
const (
	FixSafe   = "safe"
	FixUnsafe = "unsafe"
)

// SafeFix reports whether --fix applies the rule's edits without
// --unsafe-fixes: only when its metadata says they are safe.
func (r Rule) SafeFix() bool { return r.FixSafety == FixSafe }

// Rule is a rule's documentation, as the rules list, the docs and SARIF
// show it.
type Rule struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Severity    Severity `json:"severity"`
	Fix         string   `json:"fix"`
	// Guide is the section of the guide the rule encodes.
	Guide   string `json:"guide,omitempty"`
	Since   string `json:"since,omitempty"`
	HelpURI string `json:"help_uri,omitempty"`
	Good    string `json:"good,omitempty"`
	Bad     string `json:"bad,omitempty"`
	// FixSafety says whether the rule's edits keep what the image does
	// (FixSafe: --fix applies them) or change it (FixUnsafe, or unset:
	// only --unsafe-fixes applies them). From custom.fix_safety.
	FixSafety string `json:"fix_safety,omitempty"`
	// DefaultOff is a rule that runs only when turned on (--enable, the
	// configuration's enable:): its METADATA says `default: off`.
	DefaultOff bool `json:"default_off,omitempty"`
	// Source says where the rule comes from: "golint-docker", "buildkit",
	// or the policy directory of a custom rule.
	Source  string `json:"source"`
	Package string `json:"package,omitempty"`
	File    string `json:"file,omitempty"`
	// Aliases are the ids of other linters' checks that find the same
	// problem (hadolint's DL3062, trivy's DS006): --ignore, --severity,
	// the configuration and pragmas accept them for the rule, so that
	// ignores carry over.
	Aliases []string `json:"aliases,omitempty"`
}

// Named reports whether name (an id, a name or an alias, in any case)
// names r.
func (r Rule) Named(name string) bool {
	if strings.EqualFold(r.ID, name) || strings.EqualFold(r.Name, name) {
		return true
	}
	for _, a := range r.Aliases {
		if strings.EqualFold(a, name) {
			return true
		}
	}
	return false
}

// AliasIndex maps each alias of rules, lower-cased, to its rule's id.
func AliasIndex(rules []Rule) map[string]string {
	m := map[string]string{}
	for _, r := range rules {
		for _, a := range r.Aliases {
			m[strings.ToLower(a)] = r.ID
		}
	}
	return m
}
