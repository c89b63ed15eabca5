package bkcheck

import (
	"slices"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

func TestDropTwins(t *testing.T) {
	ours := []finding.Finding{
		{RuleName: "shell-form-entrypoint", Line: 12, EndLine: 13},
		{RuleName: "undeclared-platform-arg", Line: 4, EndLine: 4, Message: "ENV on line 4 uses $TARGETARCH, but stage \"build\" never declares `ARG TARGETARCH`"},
		{RuleName: "runs-as-root", Line: 6, EndLine: 6},
	}
	bk := []finding.Finding{
		{RuleID: "JSONArgsRecommended", Line: 13, EndLine: 13}, // the image's ENTRYPOINT: ours says it
		{RuleID: "JSONArgsRecommended", Line: 5, EndLine: 5},   // a CMD in another stage: only BuildKit
		{RuleID: "SecretsUsedInArgOrEnv", Line: 2, EndLine: 2}, // never BuildKit's
		{RuleID: "UndefinedVar", Line: 4, Message: "Usage of undefined variable '$TARGETARCH'"},
		{RuleID: "UndefinedVar", Line: 4, Message: "Usage of undefined variable '$TARGETOS'"}, // ours did not name it
		{RuleID: "UndefinedVar", Line: 4, Message: "Usage of undefined variable '$APP_UID' (did you mean $APP?)"},
		{RuleID: "UndefinedVar", Line: 9, Message: "Usage of undefined variable '$TARGETARCH'"}, // no finding of ours there
		{RuleID: "MaintainerDeprecated", Line: 6},
	}
	var got []string
	for _, f := range DropTwins(ours, bk) {
		got = append(got, f.RuleID+":"+strings.TrimPrefix(f.Message, "Usage of undefined variable "))
	}
	want := []string{"JSONArgsRecommended:", "UndefinedVar:'$TARGETOS'", "UndefinedVar:'$APP_UID' (did you mean $APP?)", "UndefinedVar:'$TARGETARCH'", "MaintainerDeprecated:"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if len(DropTwins(nil, nil)) != 0 {
		t.Error("nothing in, something out")
	}
}

// BuildKit stops at a stage that copies from itself and at a port it
// cannot read; the rules that say so replace its build-error there, and
// only there.
func TestBuildErrorTwins(t *testing.T) {
	ours := []finding.Finding{
		{RuleName: "copy-from-own-stage", Line: 4, EndLine: 4},
		{RuleName: "expose-invalid-port", Line: 5, EndLine: 5},
	}
	bk := []finding.Finding{
		{RuleID: BuildError, Line: 4, Message: "BuildKit cannot build this instruction: circular dependency detected on stage: build"},
		{RuleID: BuildError, Line: 5, Message: "BuildKit cannot build this instruction: invalid containerPort: 70000"},
		{RuleID: BuildError, Line: 5, Message: "BuildKit cannot build this instruction: something else"},
		{RuleID: BuildError, Line: 9, Message: "BuildKit cannot build this instruction: circular dependency detected on stage: x"},
	}
	var lines []int
	for _, f := range DropTwins(ours, bk) {
		lines = append(lines, f.Line)
	}
	if !slices.Equal(lines, []int{5, 9}) {
		t.Errorf("kept build errors on lines %v, want 5 (another error) and 9 (no rule's finding there)", lines)
	}
}

func TestRulesNameTheirTwins(t *testing.T) {
	for _, r := range Rules() {
		tws := twinsOf(r.ID)
		if len(tws) == 0 && strings.Contains(r.Description, "golint-docker's own rule") {
			t.Errorf("%s: says it has a twin", r.ID)
		}
		for _, tw := range tws {
			if !strings.Contains(r.Description, "own rule "+tw.rule) {
				t.Errorf("%s: description does not name %s: %q", r.ID, tw.rule, r.Description)
			}
		}
	}
	if tws := twinsOf("SecretsUsedInArgOrEnv"); len(tws) != 1 || !tws[0].all {
		t.Error("SecretsUsedInArgOrEnv: not replaced")
	}
}
