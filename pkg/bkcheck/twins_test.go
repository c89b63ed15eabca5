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

func TestRulesNameTheirTwins(t *testing.T) {
	for _, r := range Rules() {
		tw := twinOf(r.ID)
		if tw == nil {
			if strings.Contains(r.Description, "golint-docker's own rule") {
				t.Errorf("%s: says it has a twin", r.ID)
			}
			continue
		}
		if !strings.Contains(r.Description, "own rule "+tw.rule) {
			t.Errorf("%s: description does not name %s: %q", r.ID, tw.rule, r.Description)
		}
	}
	if tw := twinOf("SecretsUsedInArgOrEnv"); tw == nil || !tw.all {
		t.Error("SecretsUsedInArgOrEnv: not replaced")
	}
}
