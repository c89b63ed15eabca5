package policy

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// RulesPackage is where every rule lives: data.golintdocker.rules.<name>.
const RulesPackage = "golintdocker.rules"

// Rule is a rule's documentation read from its # METADATA block.
type Rule = finding.Rule

// A rule's name is spelled with hyphens (cgo-disabled) everywhere users
// see it, the "rule_name" field of a decision included; its package,
// data.golintdocker.rules.<key>, spells it with underscores (cgo_disabled).
// key and keyOf are the only places that convert.
func key(r Rule) string { return keyOf(r.Name) }

func keyOf(name string) string { return strings.ReplaceAll(name, "-", "_") }

// Index maps the rules by their package key, for DecodeJSON.
func Index(rules []Rule) map[string]*Rule {
	m := make(map[string]*Rule, len(rules))
	for i := range rules {
		m[key(rules[i])] = &rules[i]
	}
	return m
}

// readRules reads the metadata of every rule package. A rule package without
// the required metadata is an error naming its file and line: rules are
// documented or they are not rules.
func readRules(files []*File, sources []Source) ([]Rule, error) {
	var rules []Rule
	seenID := map[string]string{}
	seenPkg := map[string]string{}
	for _, f := range files {
		if f.Test {
			continue
		}
		pkg := strings.TrimPrefix(f.Module.Package.Path.String(), "data.")
		rest, ok := strings.CutPrefix(pkg, RulesPackage+".")
		if !ok {
			continue
		}
		loc := f.Module.Package.Location
		if strings.Contains(rest, ".") {
			return nil, fmt.Errorf("%s:%d: rule package %s must be exactly one level under %s", f.Path, loc.Row, pkg, RulesPackage)
		}
		if prev, dup := seenPkg[pkg]; dup {
			return nil, fmt.Errorf("%s:%d: package %s is already defined in %s; give each rule its own package", f.Path, loc.Row, pkg, prev)
		}
		var a *ast.Annotations
		for _, ann := range f.Module.Annotations {
			if ann.Scope == "package" || ann.Scope == "subpackages" {
				a = ann
				break
			}
		}
		if a == nil {
			return nil, fmt.Errorf("%s:%d: rule package %s has no package-scoped # METADATA block (title, description, custom.id, custom.severity)", f.Path, loc.Row, pkg)
		}
		r := Rule{
			Name:        strings.ReplaceAll(rest, "_", "-"),
			Package:     pkg,
			Title:       a.Title,
			Description: strings.TrimSpace(a.Description),
			File:        f.Path,
			Source:      sourceOf(f.Path, sources),
		}
		str := func(k string) string {
			if v, ok := a.Custom[k].(string); ok {
				return strings.TrimSpace(v)
			}
			return ""
		}
		r.ID = str("id")
		r.Fix = str("fix")
		r.Guide = str("guide")
		r.Since = str("since")
		r.Good = str("good")
		r.Bad = str("bad")
		r.FixSafety = str("fix_safety")
		aliases, err := aliasList(a.Custom["aliases"])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: METADATA of %s: custom.aliases: %v", f.Path, a.Location.Row, pkg, err)
		}
		r.Aliases = aliases
		for _, rr := range a.RelatedResources {
			// Only an http(s) link: it becomes a SARIF helpUri.
			if u := safeio.HTTPURL(rr.Ref.String()); u != "" {
				r.HelpURI = u
				break
			}
		}
		sev, err := finding.ParseSeverity(str("severity"))
		at := fmt.Sprintf("%s:%d", f.Path, a.Location.Row)
		var defErr error
		r.DefaultOff, defErr = defaultOff(a.Custom["default"])
		switch {
		case defErr != nil:
			return nil, fmt.Errorf("%s: METADATA of %s: custom.default: %v", at, pkg, defErr)
		case r.ID == "":
			return nil, fmt.Errorf("%s: METADATA of %s has no custom.id", at, pkg)
		case r.Title == "":
			return nil, fmt.Errorf("%s: METADATA of %s has no title", at, pkg)
		case err != nil:
			return nil, fmt.Errorf("%s: METADATA of %s: custom.severity: %v", at, pkg, err)
		case r.FixSafety != "" && r.FixSafety != finding.FixSafe && r.FixSafety != finding.FixUnsafe:
			return nil, fmt.Errorf("%s: METADATA of %s: custom.fix_safety %q: want safe or unsafe", at, pkg, r.FixSafety)
		}
		r.Severity = sev
		if prev, dup := seenID[r.ID]; dup {
			return nil, fmt.Errorf("%s: rule id %s is already used by %s", at, r.ID, prev)
		}
		seenID[r.ID] = pkg
		seenPkg[pkg] = f.Path
		rules = append(rules, r)
	}
	if err := checkAliases(rules); err != nil {
		return nil, err
	}
	return rules, nil
}

// defaultOff reads a rule's custom.default: "off" (or false) for a rule
// that runs only when turned on, "on" (or true, or nothing) otherwise.
func defaultOff(v any) (bool, error) {
	switch v {
	case nil, "on", true:
		return false, nil
	case "off", false:
		return true, nil
	}
	return false, fmt.Errorf("%s: want on or off", safeio.Excerpt(fmt.Sprint(v), 40))
}

// aliasRe is what an alias may look like: what a pragma can name.
var aliasRe = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// aliasList reads custom.aliases: a list of ids such as DL3062.
func aliasList(v any) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of ids, such as [DL3062]")
	}
	var out []string
	for _, e := range list {
		s, ok := e.(string)
		if !ok || !aliasRe.MatchString(s) {
			return nil, fmt.Errorf("%v is not an id (letters, digits, '.', '_', '-')", e)
		}
		out = append(out, s)
	}
	return out, nil
}

// checkAliases makes sure an alias names one rule only and is no rule's id
// or name: --ignore DL3062 must mean one thing.
func checkAliases(rules []Rule) error {
	owner := map[string]string{}
	for _, r := range rules {
		owner[strings.ToLower(r.ID)] = r.Package
		owner[strings.ToLower(r.Name)] = r.Package
	}
	for _, r := range rules {
		for _, a := range r.Aliases {
			k := strings.ToLower(a)
			if prev, dup := owner[k]; dup {
				return fmt.Errorf("%s: alias %s of %s is already an id, name or alias of %s", r.File, a, r.Package, prev)
			}
			owner[k] = r.Package
		}
	}
	return nil
}

// BuiltinSource is the Source of the rules golint-docker ships.
const BuiltinSource = "golint-docker"

func sourceOf(p string, sources []Source) string {
	for _, s := range sources {
		if strings.HasPrefix(p, join(s.Name, "")) {
			if s.Builtin {
				return BuiltinSource
			}
			return s.Name
		}
	}
	return ""
}

// Meta is the document the aggregating policy reads at data.golintdocker.meta:
// each rule's id, title, severity, fix and whether it is off by default,
// keyed by package name. The bundle
// carries it too, so an OPA server gives the same decisions.
func Meta(rules []Rule) map[string]any {
	m := map[string]any{}
	for _, r := range rules {
		m[key(r)] = map[string]any{
			"id":          r.ID,
			"name":        r.Name,
			"title":       r.Title,
			"severity":    r.Severity.String(),
			"fix":         r.Fix,
			"help_uri":    r.HelpURI,
			"default_off": r.DefaultOff,
		}
	}
	return m
}

// OptionsKey is where a rule that is off by default is turned on:
// data.golintdocker.options.<key>.enabled (the aggregating policy reads it;
// --enable and the configuration's enable: write it).
func OptionsKey(r Rule) string { return key(r) }

// DataDocument is the data the rules read, assembled in one place for the
// engine, the bundle and the Rego tests: the sources' data.json files, then
// extra over them (the configuration's data and trusted registries), then
// the rules' metadata at data.golintdocker.meta.
func (l *Loaded) DataDocument(extra map[string]any) (map[string]any, error) {
	data := map[string]any{}
	if err := Merge(data, nil, l.Data); err != nil {
		return nil, err
	}
	if extra != nil {
		if err := Merge(data, nil, extra); err != nil {
			return nil, fmt.Errorf("data overrides: %w", err)
		}
	}
	if err := Merge(data, []string{"golintdocker", "meta"}, Meta(l.Rules)); err != nil {
		return nil, err
	}
	return data, nil
}
