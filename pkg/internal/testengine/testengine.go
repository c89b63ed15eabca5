// Package testengine builds what tests lint with: the built-in rules with
// every rule on — those off by default too, so that their testdata and
// their fixes are tested, except the opt-in policies of optIn — and the
// image facts of the shipped data, without which no image is known and the
// rules about images say nothing.
//
// For this repository's tests only.
package testengine

import (
	"context"
	"slices"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

// Builtin loads the built-in rules (without the rule tests).
func Builtin(t testing.TB) *policy.Loaded {
	t.Helper()
	l, err := policy.Load([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}}, false)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Engine is the built-in rules, every one on.
func Engine(t testing.TB) *policy.Engine {
	t.Helper()
	return EngineWith(t, nil)
}

// optIn are the rules off by default that stay off here unless a test
// names them: policies a team opts into, which golint-docker's own fixes
// and init do not follow, each with why.
var optIn = map[string]string{
	"package-unpinned": "fixes and init install packages without versions (pins go stale); its testdata turns it on",
}

// EngineWith is Engine with config as data.golintdocker.config, as
// golint-docker derives it from .golint-docker.yaml (nil: none), and the
// opt-in rules named in enable turned on too.
func EngineWith(t testing.TB, config map[string]any, enable ...string) *policy.Engine {
	t.Helper()
	l := Builtin(t)
	// Every rule that is off by default (custom.default: off) turned on,
	// as --enable does, but the opt-in policies not in enable.
	options := map[string]any{}
	for _, r := range l.Rules {
		if r.DefaultOff && (optIn[r.Name] == "" || slices.Contains(enable, r.Name)) {
			options[policy.OptionsKey(r)] = map[string]any{"enabled": true}
		}
	}
	if len(options) == 0 {
		t.Fatal("no rule is off by default: no-healthcheck should be")
	}
	data := map[string]any{"options": options}
	if config != nil {
		data["config"] = config
	}
	e, err := policy.New(context.Background(), l, policy.Options{Data: map[string]any{"golintdocker": data}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Facts are the image facts of the built-in data.
func Facts(t testing.TB) *imagefacts.Catalog {
	t.Helper()
	c, err := policies.Facts()
	if err != nil {
		t.Fatal(err)
	}
	return c
}
