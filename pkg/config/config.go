// Package config reads .golint-docker.yaml: which rules run, how severe
// they are, where extra policies live and what data they see.
//
// It is public API: Load, Parse and Finder read and find the file as
// golint-docker does.
package config

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/safeio"
	"github.com/golint-docker/golint-docker/pkg/schemamatch"
)

// Names are the file names looked for, in order.
var Names = []string{".golint-docker.yaml", ".golint-docker.yml"}

//go:embed config.schema.json
var schemaJSON string

// Schema is the JSON Schema of the file, as shipped.
func Schema() string { return schemaJSON }

// Config is a parsed configuration file.
type Config struct {
	// Path is the file it was read from ("" for none).
	Path   string
	Ignore []string
	// Enable turns on rules that are off by default (ids or names).
	Enable            []string
	Severity          map[string]finding.Severity
	FailureThreshold  string
	TrustedRegistries []string
	// Policies are made absolute against the file's directory.
	Policies []string
	Data     map[string]any
	// BuildKitChecks turns BuildKit's own checks on or off (nil: default).
	BuildKitChecks *bool
	// keys maps a key's path ("data/acme") to its node, for Line.
	keys map[string]*yaml.Node
}

// Line is the line of the key at path (e.g. "data", "acme"); 0 if unknown.
func (c *Config) Line(path ...string) int {
	if n, ok := c.keys[strings.Join(path, "/")]; ok {
		return n.Line
	}
	return 0
}

// Error is a problem in a configuration file, with the line it is on: the
// one file error of golint-docker.
type Error = finding.FileError

// MaxSize caps a configuration file: real ones are a few hundred bytes.
const MaxSize = 4 << 20

// Load reads and checks the file at path, which the user named: it is read
// wherever it leads (but only as a regular file, within MaxSize).
func Load(path string) (*Config, error) {
	return LoadWithin(path, "")
}

// LoadWithin is Load for a file that was found rather than named: a
// symbolic link may not take it out of root (the repository).
func LoadWithin(path, root string) (*Config, error) {
	raw, err := safeio.ReadFile(path, MaxSize, root)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	return Parse(path, raw)
}

// Parse checks raw against the schema (reporting the line of each problem)
// and decodes it.
func Parse(path string, raw []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, yamlError(path, err)
	}
	cfg := &Config{Path: path}
	if root.Kind == 0 || len(root.Content) == 0 {
		return cfg, nil // empty file: defaults
	}
	doc := root.Content[0]
	d := &decoder{budget: 4*countNodes(doc) + 1000, index: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}
	value, err := d.value(doc, nil)
	if err != nil {
		var de *decodeError
		if errors.As(err, &de) {
			return nil, &Error{File: path, Line: de.line, Msg: safeio.Excerpt(de.msg, maxMessage)}
		}
		return nil, &Error{File: path, Msg: safeio.Excerpt(err.Error(), maxMessage)}
	}
	problems, err := validate(value)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	if len(problems) > 0 {
		return nil, schemaError(path, d, problems)
	}
	cfg.keys = d.keys
	m, _ := value.(map[string]any)
	cfg.Ignore = stringsOf(m["ignore"])
	cfg.Enable = stringsOf(m["enable"])
	cfg.TrustedRegistries = stringsOf(m["trusted-registries"])
	if v, ok := m["failure-threshold"].(string); ok {
		cfg.FailureThreshold = v
	}
	if sev, ok := m["severity"].(map[string]any); ok {
		cfg.Severity = map[string]finding.Severity{}
		for k, v := range sev {
			s, _ := finding.ParseSeverity(v.(string))
			cfg.Severity[k] = s
		}
	}
	for _, p := range stringsOf(m["policies"]) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		cfg.Policies = append(cfg.Policies, p)
	}
	if d, ok := m["data"].(map[string]any); ok {
		cfg.Data = d
	}
	if b, ok := m["buildkit-checks"].(bool); ok {
		cfg.BuildKitChecks = &b
	}
	return cfg, nil
}

func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

// problem is one place where the file does not match the schema.
type problem struct {
	path []string // keys down to the value ("severity", "GD001")
	key  string   // an unknown key, for additional-property errors
	msg  string
}

// validate checks v against the schema (schemamatch: OPA's JSON Schema
// support, already in the binary).
func validate(v any) ([]problem, error) {
	var schema any
	if err := json.Unmarshal([]byte(schemaJSON), &schema); err != nil {
		return nil, err
	}
	found, err := schemamatch.Match(v, schema)
	if err != nil {
		return nil, err
	}
	var out []problem
	for _, f := range found {
		p := problem{msg: f.Desc}
		if f.Field != "" {
			p.path = strings.Split(f.Field, ".")
		}
		if f.Type == "additional_property_not_allowed" {
			p.key = strings.TrimSuffix(strings.TrimPrefix(f.Desc, "Additional property "), " is not allowed")
		}
		out = append(out, p)
	}
	return out, nil
}

func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
			}
		}
	}
	return &Error{File: path, Line: line, Msg: safeio.Excerpt(msg, maxMessage)}
}

// maxMessage is how much of a message about the file (which may quote it) is shown.
const maxMessage = 200

// maxProblems is how many schema problems are listed; a file with
// thousands lists the first ones and a count.
const maxProblems = 20

// schemaError reports the problems (the first maxProblems, by line) with
// the key path and the line of the YAML node each is about.
func schemaError(path string, d *decoder, problems []problem) error {
	errs := make([]*Error, 0, len(problems))
	for _, p := range problems {
		node := d.lookup(p.path)
		key := strings.Join(p.path, ".")
		var e *Error
		switch {
		case p.key != "" && key == "":
			e = &Error{File: path, Line: d.keyLine(nil, p.key, node), Msg: fmt.Sprintf("unknown key %q (known: %s)", p.key, knownKeys())}
		case p.key != "":
			e = &Error{File: path, Line: d.keyLine(p.path, p.key, node), Msg: fmt.Sprintf("%s: unknown key %q", key, p.key)}
		case key == "":
			e = &Error{File: path, Line: node.Line, Msg: p.msg}
		case strings.HasPrefix(p.msg, "Must not validate the schema"):
			e = &Error{File: path, Line: node.Line, Msg: fmt.Sprintf("%s is golint-docker's own (its helpers, rules and rule metadata), not data a configuration sets", key)}
		default:
			msg := strings.TrimPrefix(p.msg, key+" ")
			e = &Error{File: path, Line: node.Line, Msg: fmt.Sprintf("%s: %s", key, msg)}
		}
		e.Msg = safeio.Excerpt(e.Msg, maxMessage)
		errs = append(errs, e)
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	var joined []error
	for i, e := range errs {
		if i == maxProblems {
			joined = append(joined, &Error{File: path, Msg: fmt.Sprintf("and %d more problems", len(errs)-maxProblems)})
			break
		}
		joined = append(joined, e)
	}
	return errors.Join(joined...)
}

func knownKeys() string {
	return "ignore, enable, severity, failure-threshold, trusted-registries, policies, data, buildkit-checks"
}

// lookup is the node at a schema problem's path, or the nearest node above
// it that the file has.
func (d *decoder) lookup(loc []string) *yaml.Node {
	for n := len(loc); n >= 0; n-- {
		if node, ok := d.index[strings.Join(loc[:n], "/")]; ok {
			return node
		}
	}
	return &yaml.Node{}
}

// keyLine is the line of key in the mapping at path; else the mapping's.
func (d *decoder) keyLine(path []string, key string, mapping *yaml.Node) int {
	if k, ok := d.keys[strings.Join(append(append([]string{}, path...), key), "/")]; ok {
		return k.Line
	}
	return mapping.Line
}
