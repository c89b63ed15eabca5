package policy_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// offRule is a custom rule whose METADATA says default: value.
func offRule(value string) string {
	return strings.Replace(rule("custom_off", `deny contains {"msg": "m", "line": 1}`), "#   severity: warning\n", "#   severity: warning\n#   default: "+value+"\n", 1)
}

// TestDefaultOff: `default: off` in a rule's METADATA (a team's rule as
// well as a built-in one) keeps its findings out of the decision until
// data.golintdocker.options.<rule>.enabled is true.
func TestDefaultOff(t *testing.T) {
	count := func(opt policy.Options) int {
		t.Helper()
		e, err := engine(t, opt, map[string]string{"off.rego": offRule("off")})
		if err != nil {
			t.Fatal(err)
		}
		var r *policy.Rule
		for i := range e.Rules {
			if e.Rules[i].Name == "custom-off" {
				r = &e.Rules[i]
			}
		}
		if r == nil || !r.DefaultOff || policy.OptionsKey(*r) != "custom_off" {
			t.Fatalf("rule %+v", r)
		}
		in, size := input(t)
		fs, err := e.EvaluateValue(context.Background(), in, size)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range fs {
			if f.RuleName == "custom-off" {
				n++
			}
		}
		return n
	}
	if n := count(policy.Options{}); n != 0 {
		t.Errorf("off by default: %d findings", n)
	}
	on := map[string]any{"golintdocker": map[string]any{"options": map[string]any{"custom_off": map[string]any{"enabled": true}}}}
	if n := count(policy.Options{Data: on}); n != 1 {
		t.Errorf("turned on: %d findings, want 1", n)
	}
}

func TestDefaultMetadata(t *testing.T) {
	for value, want := range map[string]bool{"off": true, `"off"`: true, "false": true, "on": false, "true": false} {
		l, err := policy.Load([]policy.Source{{Name: "custom", FS: fstest.MapFS{"off.rego": {Data: []byte(offRule(value))}}}}, false)
		if err != nil {
			t.Fatalf("default: %s: %v", value, err)
		}
		if l.Rules[0].DefaultOff != want {
			t.Errorf("default: %s: DefaultOff %v", value, l.Rules[0].DefaultOff)
		}
		meta := policy.Meta(l.Rules)["custom_off"].(map[string]any)
		if meta["default_off"] != want {
			t.Errorf("default: %s: meta %v", value, meta)
		}
	}
	_, err := policy.Load([]policy.Source{{Name: "custom", FS: fstest.MapFS{"off.rego": {Data: []byte(offRule("maybe"))}}}}, false)
	if err == nil || !strings.Contains(err.Error(), "off.rego:1: METADATA of golintdocker.rules.custom_off: custom.default: maybe: want on or off") {
		t.Errorf("default: maybe: %v", err)
	}
}
