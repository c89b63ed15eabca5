package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

// engineOptions say which rules to load and how to run them.
type engineOptions struct {
	policyDirs []string
	data       map[string]any
	allowNet   bool
	timeout    limits.Budget[time.Duration]
	maxHeapMiB uint64
	// The default heap limit grows with large files; one the user gave
	// does not.
	growHeap bool
}

// sources are the built-in rules plus the --policy directories.
func (o engineOptions) sources() ([]policy.Source, error) {
	srcs := []policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}}
	for _, d := range o.policyDirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, fmt.Errorf("--policy %s: %w", d, unwrapPath(err))
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("--policy %s: not a directory", d)
		}
		srcs = append(srcs, policy.Source{Name: d, FS: os.DirFS(d)})
	}
	return srcs, nil
}

func newEngine(ctx context.Context, o engineOptions) (*policy.Engine, error) {
	srcs, err := o.sources()
	if err != nil {
		return nil, err
	}
	loaded, err := policy.Load(srcs, false)
	if err != nil {
		return nil, err
	}
	return policy.New(ctx, loaded, policy.Options{
		Data: o.data, AllowNet: o.allowNet, Timeout: o.timeout,
		MaxHeap: limits.Budget[uint64]{Limit: o.maxHeapMiB << 20, Grow: o.growHeap},
	})
}

// allRules documents every rule: golint-docker's, the --policy ones and
// BuildKit's checks.
func allRules(o engineOptions) ([]finding.Rule, error) {
	rules, err := loadRules(o)
	if err != nil {
		return nil, err
	}
	return append(rules, bkcheck.Rules()...), nil
}

// loadRules reads the rules' documentation without compiling them.
func loadRules(o engineOptions) ([]finding.Rule, error) {
	srcs, err := o.sources()
	if err != nil {
		return nil, err
	}
	loaded, err := policy.Load(srcs, false)
	if err != nil {
		return nil, err
	}
	return loaded.Rules, nil
}
