package builtin

import (
	"context"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// BenchmarkStartup is what the built-in rules cost a process before the
// first evaluation: read from the generated files and compiled at build
// time (precompiled), against parsing and compiling the sources (the stages
// that shape the rules: what a run did before; every stage: a custom
// policy's compile).
func BenchmarkStartup(b *testing.B) {
	ctx := context.Background()
	b.Run("precompiled", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			meta, ok := Loaded()
			rules, src, ok2 := Compiled()
			if !ok || !ok2 {
				b.Fatal("stale generated files")
			}
			if _, err := policy.NewPrecompiled(ctx, rules, src, meta, policy.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, tc := range []struct {
		name    string
		builtin bool
	}{{"parse+compile", true}, {"parse+compile-all-stages", false}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			src := Source()
			src.Builtin = tc.builtin
			for b.Loop() {
				l, err := policy.Load([]policy.Source{src}, false)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := policy.New(ctx, l, policy.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
