// Package testengine builds what tests lint with: the built-in rules with
// every rule on — those off by default too, so that their testdata and
// their fixes are tested — and the image facts of the shipped data,
// without which no image is known and the rules about images say nothing.
//
// For this repository's tests only.
package testengine

import (
	"context"
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

// EngineWith is Engine with config as data.golintdocker.config, as
// golint-docker derives it from .golint-docker.yaml (nil: none).
func EngineWith(t testing.TB, config map[string]any) *policy.Engine {
	t.Helper()
	l := Builtin(t)
	// Every rule that is off by default (custom.default: off) turned on,
	// as --enable does.
	options := map[string]any{}
	for _, r := range l.Rules {
		if r.DefaultOff {
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
