package bkcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// buildkitRuleNames reads the rules BuildKit declares: every RuleXxx variable
// of frontend/dockerfile/linter/ruleset.go in the BuildKit module this build
// uses, with the Name it gives.
func buildkitRuleNames(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/moby/buildkit").Output()
	if err != nil {
		t.Fatalf("go list -m github.com/moby/buildkit: %v", err)
	}
	file := filepath.Join(strings.TrimSpace(string(out)), "frontend", "dockerfile", "linter", "ruleset.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatalf("parse BuildKit's ruleset: %v", err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, id := range vs.Names {
			if !strings.HasPrefix(id.Name, "Rule") || i >= len(vs.Values) {
				continue
			}
			lit, ok := vs.Values[i].(*ast.CompositeLit)
			if !ok {
				t.Errorf("%s is not a composite literal", id.Name)
				continue
			}
			name := ""
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Name" {
					if bl, ok := kv.Value.(*ast.BasicLit); ok {
						name, _ = strconv.Unquote(bl.Value)
					}
				}
			}
			if name == "" || "Rule"+name != id.Name {
				t.Errorf("%s: unexpected rule name %q", id.Name, name)
			}
			names = append(names, name)
		}
		return true
	})
	if len(names) < 20 {
		t.Fatalf("found only %d rules in %s", len(names), file)
	}
	return names
}

// TestRulesMatchBuildKit fails when the linked BuildKit declares a check that
// Rules does not document (or the reverse), e.g. after a BuildKit upgrade.
func TestRulesMatchBuildKit(t *testing.T) {
	want := buildkitRuleNames(t)
	var got []string
	for _, r := range Rules() {
		if r.ID != BuildError {
			got = append(got, r.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Rules() = %q\nBuildKit's ruleset.go declares %q\n(add the new rule, with a fix, to ruleset in rules.go)", got, want)
	}
}

func TestRules(t *testing.T) {
	rules := Rules()
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.ID] || seen[r.Name] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID], seen[r.Name] = true, true
		if r.Title == "" || r.Description == "" || r.Fix == "" || r.HelpURI == "" {
			t.Errorf("%s: empty title, description, fix or help URI: %+v", r.ID, r)
		}
		if !strings.HasPrefix(r.HelpURI, "https://docs.docker.com/") {
			t.Errorf("%s: help URI %q", r.ID, r.HelpURI)
		}
		if r.Severity != map[bool]finding.Severity{true: finding.Error, false: finding.Warning}[r.ID == BuildError] || r.Source != "buildkit" {
			t.Errorf("%s: severity %v, source %q", r.ID, r.Severity, r.Source)
		}
		if !strings.HasSuffix(r.Fix, ".") || strings.Contains(r.Title, "\n") {
			t.Errorf("%s: fix %q / title %q", r.ID, r.Fix, r.Title)
		}
		if r.Name != strings.ToLower(r.Name) || strings.Contains(r.Name, "--") {
			t.Errorf("%s: name %q", r.ID, r.Name)
		}
		// BuildKit's own URL, where it has one, is kebab-case of the rule
		// name: the same as golint-docker's rule name.
		if ri := ruleByName[r.ID]; ri != nil && ri.url != "" {
			if r.HelpURI != ri.url {
				t.Errorf("%s: help URI %q, BuildKit says %q", r.ID, r.HelpURI, ri.url)
			}
			if want := "https://docs.docker.com/go/dockerfile/rule/" + r.Name + "/"; ri.url != want {
				t.Errorf("%s: name %q does not match BuildKit's URL %q", r.ID, r.Name, ri.url)
			}
		}
	}
	if r := rules[slices.IndexFunc(rules, func(r finding.Rule) bool { return r.ID == "JSONArgsRecommended" })]; r.Name != "json-args-recommended" ||
		r.HelpURI != "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/" {
		t.Errorf("JSONArgsRecommended: %+v", r)
	}
	for id, name := range map[string]string{
		"JSONArgsRecommended":             "json-args-recommended",
		"FromPlatformFlagConstDisallowed": "from-platform-flag-const-disallowed",
		"InvalidBaseImagePlatform":        "invalid-base-image-platform",
		"ABCDef":                          "abc-def",
		"Rule2Go":                         "rule2-go",
	} {
		if got := kebab(id); got != name {
			t.Errorf("kebab(%q) = %q, want %q", id, got, name)
		}
	}
}
