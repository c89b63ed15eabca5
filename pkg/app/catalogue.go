package app

import (
	"context"
	"fmt"
	"sync"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
	"github.com/golint-docker/golint-docker/pkg/builtin"
	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/opaclient"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/pragma"
)

// CatalogueOptions say which rules to load and how to run them.
type CatalogueOptions struct {
	PolicyDirs []string
	Data       map[string]any // merged over the rules' data (see Data)
	// Enable names (ids or names, as FindRule reads them) rules that are
	// off by default to turn on: data.golintdocker.options.<rule>.enabled
	// is set for them over Data. Names of other rules are left to
	// Resolved.Canonical to report.
	Enable         []string
	Allow          []string // policy.Options.Allow
	Workers        int      // sandbox processes for policy directories (0: one per core)
	Limits         Limits
	BuildKitChecks bool
	// OPAURL evaluates on an OPA server, which holds the policy and its
	// data; the built-in rules only document the findings.
	OPAURL string
}

// Catalogue is the rules a run evaluates, loaded once. In process, they
// are compiled when the first file needs them (Compile): a run whose
// results all come from the cache never compiles them.
type Catalogue struct {
	// Rules documents every rule: golint-docker's, the policy
	// directories', and BuildKit's checks when they run.
	Rules     []finding.Rule
	Evaluator lint.Evaluator
	// Facts are the image and package facts input documents are built
	// with: the rules' data with the configuration's over it. Nil when
	// they are read on first use (LintFacts).
	Facts *imagefacts.Catalog
	// Known are the rules the evaluator can report, when they are known
	// here (nil for an OPA server, whose bundle may hold more): a pragma
	// naming none of them is reported.
	Known []finding.Rule
	// Unread are the top-level keys of Data's data.golintdocker that no
	// rule reads (a typo in a configuration's data).
	Unread []string
	// Off are the ids of the rules that are off by default and stay off
	// (neither Enable nor Data turns them on); for an OPA server, whose
	// data decides unseen, all of them: a pragma naming one is never stale.
	Off []string
	// Cacheable says results of these rules can be kept: they are
	// evaluated in process and call nothing that changes from one run to
	// the next (the network, the clock, random numbers). Digest then
	// identifies the rules and their data.
	Cacheable bool
	Digest    cache.Key
	engine    *lazyEngine // nil with an OPA server
	// facts makes Facts when they were left to the first document that
	// needs them (see LintFacts).
	facts func() (*imagefacts.Catalog, error)
}

// Close stops what the catalogue started (the policy sandbox's processes).
func (c *Catalogue) Close() {
	if c.engine != nil {
		c.engine.close()
	}
}

// NewCatalogue loads the rules; in process, they are compiled on first
// use (or by Compile), and only their metadata is read until then when
// they are the built-in ones alone. Their data, too, is decoded when
// first needed unless the configuration's data adds to it (which is
// then checked at once: a mistake in it is said before anything is
// linted).
func NewCatalogue(ctx context.Context, o CatalogueOptions) (*Catalogue, error) {
	var (
		src rulesSource
		err error
	)
	if o.OPAURL != "" {
		src.loaded, err = LoadPolicies(o.PolicyDirs)
	} else {
		src, err = loadDocumented(o.PolicyDirs)
	}
	if err != nil {
		return nil, err
	}
	src.full = sync.OnceValues(src.withData(o.PolicyDirs))
	c := &Catalogue{Rules: src.loaded.Rules}
	if o.OPAURL == "" {
		if o.Data, err = Enabled(o.Data, src.loaded.Rules, o.Enable); err != nil {
			return nil, err
		}
	}
	if src.data != nil && !addsData(o.Data) {
		// The built-in rules' data alone: known good (TestBuiltinFacts),
		// read when the first document needs its image facts.
		c.Off = src.off
		c.facts = sync.OnceValues(func() (*imagefacts.Catalog, error) {
			loaded, err := src.full()
			if err != nil {
				return nil, err
			}
			return Facts(loaded, o.Data)
		})
	} else {
		loaded, err := src.full()
		if err != nil {
			return nil, err
		}
		if c.Facts, err = Facts(loaded, o.Data); err != nil {
			return nil, err
		}
		c.Unread = unread(loaded, o.Data)
		c.Off = policy.OffRules(loaded, o.Data, o.OPAURL != "")
	}
	if o.OPAURL != "" {
		client, err := opaclient.New(o.OPAURL, o.Limits.Timeout, src.loaded.Rules)
		if err != nil {
			return nil, fmt.Errorf("OPA server %w", err)
		}
		c.Evaluator = client
		return c.withChecks(o), nil
	}
	c.Known = src.loaded.Rules
	c.engine = &lazyEngine{build: func() (*policy.Engine, error) {
		// The built-in rules as compiled at build time, when that was
		// from these sources, decoded while their data is read; policy
		// directories' rules are compiled in full, in the sandbox.
		var pre *policy.Precompiled
		if rules, srcs, ok := builtin.Compiled(); ok {
			pre = policy.StartPrecompiled(rules, srcs)
		}
		loaded, err := src.full()
		if err != nil {
			return nil, err
		}
		popt := policy.Options{
			Data: o.Data, Allow: o.Allow, Timeout: o.Limits.Timeout, MaxHeap: o.Limits.MaxHeap, Workers: o.Workers,
		}
		if pre != nil {
			return pre.Engine(ctx, loaded, popt)
		}
		if len(loaded.Files) == 0 {
			// Only the metadata was read: the rules are needed now.
			if loaded, err = LoadPolicies(o.PolicyDirs); err != nil {
				return nil, err
			}
		}
		return policy.New(ctx, loaded, popt)
	}}
	c.Evaluator = c.engine
	// o.Data has the rules Enable turns on: the digest covers them.
	c.Digest, c.Cacheable = digest(src.loaded, o)
	return c.withChecks(o), nil
}

// addsData reports whether the configuration's data (Data's document,
// with what Enabled adds) sets anything: if not, the rules' data is used
// as it is.
func addsData(data map[string]any) bool {
	for k, v := range data {
		if gd, ok := v.(map[string]any); !ok || k != "golintdocker" || len(gd) > 0 {
			return true
		}
	}
	return false
}

// LintFacts sets the image facts of lint options: the catalogue's, or
// the function that reads them on first use.
func (c *Catalogue) LintFacts(opt *lint.Options) {
	opt.Facts = c.Facts
	if c.Facts == nil && c.facts != nil {
		opt.FactsFunc = func() (*imagefacts.Catalog, error) {
			f, err := c.facts()
			if err != nil {
				return nil, catalogueError{err}
			}
			return f, nil
		}
	}
}

// withChecks documents BuildKit's checks, when they run, and the pragma
// rule.
func (c *Catalogue) withChecks(o CatalogueOptions) *Catalogue {
	if o.BuildKitChecks {
		c.Rules = append(c.Rules, bkcheck.Rules()...)
	}
	c.Rules = append(c.Rules, pragma.Rule)
	return c
}

// Enabled is data (as Data makes it) with the rules off by default that
// names name (by id or name) turned on: data.golintdocker.options.<rule>
// .enabled set, where the aggregating policy reads it. data is not changed.
func Enabled(data map[string]any, rules []finding.Rule, names []string) (map[string]any, error) {
	out := map[string]any{}
	if err := policy.Merge(out, nil, data); err != nil {
		return nil, err
	}
	for _, n := range names {
		if r, ok := FindRule(rules, n); ok && r.DefaultOff {
			if err := policy.Merge(out, []string{"golintdocker", "options", policy.OptionsKey(r), "enabled"}, true); err != nil {
				return nil, fmt.Errorf("enable %s: %w", n, err)
			}
		}
	}
	return out, nil
}

// BundleData is the data a bundle built with cfg carries over the rules'
// own: the configuration's data and trusted registries, with the rules its
// enable: and enable name turned on. Names and options that match no rule
// are errors.
func BundleData(cfg *config.Config, rules []finding.Rule, enable []string) (map[string]any, error) {
	res := Settings{Enable: enable}.Resolve(cfg)
	if _, _, err := res.Canonical(rules); err != nil {
		return nil, err
	}
	if err := checkOptions(res.Config, rules); err != nil {
		return nil, err
	}
	return Enabled(res.Catalogue.Data, rules, res.Catalogue.Enable)
}

// Facts reads the image and package facts (data.golintdocker.images and
// .packages) of the loaded rules' data with data merged over it, as the
// engine merges them.
func Facts(loaded *policy.Loaded, data map[string]any) (*imagefacts.Catalog, error) {
	merged := map[string]any{}
	if err := policy.Merge(merged, nil, loaded.Data); err != nil {
		return nil, err
	}
	if data != nil {
		if err := policy.Merge(merged, nil, data); err != nil {
			return nil, fmt.Errorf("data overrides: %w", err)
		}
	}
	gd, _ := merged["golintdocker"].(map[string]any)
	return imagefacts.New(gd)
}

// unread lists the keys of the configuration's data.golintdocker no rule
// reads (policy.Loaded.Unread).
func unread(loaded *policy.Loaded, data map[string]any) []string {
	if gd, ok := data["golintdocker"].(map[string]any); ok {
		return loaded.Unread(gd)
	}
	return nil
}

// Compile compiles the rules now, if they are not yet: a broken policy is
// said before anything is linted.
func (c *Catalogue) Compile() error {
	if c.engine == nil {
		return nil
	}
	_, err := c.engine.get()
	return err
}

// rulesSource is what documents the rules (loaded), with the data
// decoded on demand when it was not read with them.
type rulesSource struct {
	loaded *policy.Loaded
	// data decodes the generated metadata's data (nil: loaded.Data is
	// read); off are the rules off by default that data leaves off.
	data func() (map[string]any, bool)
	off  []string
	// full is loaded with its data, made once (safe for concurrent use).
	full func() (*policy.Loaded, error)
}

// withData makes loaded with its data: a copy with the decoded data, or
// the sources read when the generated data cannot be decoded.
func (s rulesSource) withData(dirs []string) func() (*policy.Loaded, error) {
	return func() (*policy.Loaded, error) {
		if s.data == nil {
			return s.loaded, nil
		}
		data, ok := s.data()
		if !ok {
			return LoadPolicies(dirs)
		}
		l := *s.loaded
		l.Data = data
		return &l, nil
	}
}

// loadDocumented reads what documents the rules: the built-in rules'
// generated metadata, when it is current and there is nothing else, else
// the sources.
func loadDocumented(dirs []string) (rulesSource, error) {
	if len(dirs) == 0 {
		if l, data, ok := builtin.Metadata(); ok {
			return rulesSource{loaded: l, data: data, off: builtin.Off()}, nil
		}
	}
	l, err := LoadPolicies(dirs)
	return rulesSource{loaded: l}, err
}

// LoadPolicies reads the built-in rules and the policy directories, without
// compiling them: enough to document the rules or write a bundle.
func LoadPolicies(dirs []string) (*policy.Loaded, error) {
	srcs := []policy.Source{builtin.Source()}
	for _, d := range dirs {
		// Read as hostile: regular files within the size caps, links
		// only inside the directory.
		src, err := policy.DirSource(d)
		if err != nil {
			return nil, fmt.Errorf("policy directory %s: %w", d, err)
		}
		srcs = append(srcs, src)
	}
	return policy.Load(srcs, false)
}

// AllRules documents every rule the policy directories add to the built-in
// ones, and BuildKit's checks.
func AllRules(dirs []string) ([]finding.Rule, error) {
	src, err := loadDocumented(dirs)
	if err != nil {
		return nil, err
	}
	return append(append(src.loaded.Rules, bkcheck.Rules()...), pragma.Rule), nil
}
