// Package config reads .golint-docker.yaml: which rules run, how severe
// they are, where extra policies live and what data they see.
//
// It is public API: Load, Parse and Finder read and find the file as
// golint-docker does.
package config

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/rego"
	"go.yaml.in/yaml/v3"

	"github.com/golint-docker/golint-docker/pkg/finding"
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
	Path              string
	Ignore            []string
	Severity          map[string]finding.Severity
	FailureThreshold  string
	TrustedRegistries []string
	// Policies are made absolute against the file's directory.
	Policies []string
	Data     map[string]any
	// BuildKitChecks turns BuildKit's own checks on or off (nil: default).
	BuildKitChecks *bool
}

// Error is a problem in a configuration file, with the line it is on: the
// one file error of golint-docker.
type Error = finding.FileError

// Load reads and checks the file at path.
func Load(path string) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
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
	var value any
	if err := doc.Decode(&value); err != nil {
		return nil, yamlError(path, err)
	}
	value, err := jsonCompatible(value)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	problems, err := validate(value)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error()}
	}
	if len(problems) > 0 {
		return nil, schemaError(path, doc, problems)
	}
	m, _ := value.(map[string]any)
	cfg.Ignore = stringsOf(m["ignore"])
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

// validate checks v against the schema with OPA's JSON Schema support
// (json.match_schema, gojsonschema underneath): the library is already in
// the binary and costs nothing at start-up.
func validate(v any) ([]problem, error) {
	var schema any
	if err := json.Unmarshal([]byte(schemaJSON), &schema); err != nil {
		return nil, err
	}
	rs, err := rego.New(
		rego.Query("x := json.match_schema(input.doc, input.schema)"),
		rego.Input(map[string]any{"doc": v, "schema": schema}),
	).Eval(context.Background())
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		return nil, errors.New("schema check gave no result")
	}
	res, ok := rs[0].Bindings["x"].([]any)
	if !ok || len(res) != 2 {
		return nil, fmt.Errorf("schema check gave %v", rs[0].Bindings["x"])
	}
	if res[0] == true {
		return nil, nil
	}
	list, _ := res[1].([]any)
	var out []problem
	for _, e := range list {
		m, _ := e.(map[string]any)
		field, _ := m["field"].(string)
		desc, _ := m["desc"].(string)
		p := problem{msg: desc}
		if field != "" && field != "(root)" && field != "(Root)" {
			p.path = strings.Split(field, ".")
		}
		if m["type"] == "additional_property_not_allowed" {
			p.key = strings.TrimSuffix(strings.TrimPrefix(desc, "Additional property "), " is not allowed")
		}
		out = append(out, p)
	}
	return out, nil
}

// jsonCompatible turns YAML-decoded values into what a JSON decoder would
// produce (string keys, float64 numbers), so that the schema and the rules
// see the same thing.
func jsonCompatible(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			c, err := jsonCompatible(e)
			if err != nil {
				return nil, err
			}
			x[k] = c
		}
		return x, nil
	case map[any]any:
		out := map[string]any{}
		for k, e := range x {
			c, err := jsonCompatible(e)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k)] = c
		}
		return out, nil
	case []any:
		for i, e := range x {
			c, err := jsonCompatible(e)
			if err != nil {
				return nil, err
			}
			x[i] = c
		}
		return x, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case float64, string, bool, nil:
		return x, nil
	}
	return nil, fmt.Errorf("unsupported YAML value %v (%T)", v, v)
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
	return &Error{File: path, Line: line, Msg: msg}
}

// schemaError reports every problem with the key path and the line of the
// YAML node it is about.
func schemaError(path string, doc *yaml.Node, problems []problem) error {
	var errs []*Error
	for _, p := range problems {
		node := lookup(doc, p.path)
		key := strings.Join(p.path, ".")
		switch {
		case p.key != "" && key == "":
			errs = append(errs, &Error{File: path, Line: keyLine(doc, p.key), Msg: fmt.Sprintf("unknown key %q (known: %s)", p.key, knownKeys())})
		case p.key != "":
			errs = append(errs, &Error{File: path, Line: keyLine(node, p.key), Msg: fmt.Sprintf("%s: unknown key %q", key, p.key)})
		case key == "":
			errs = append(errs, &Error{File: path, Line: node.Line, Msg: p.msg})
		default:
			msg := strings.TrimPrefix(p.msg, key+" ")
			errs = append(errs, &Error{File: path, Line: node.Line, Msg: fmt.Sprintf("%s: %s", key, msg)})
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	joined := make([]error, len(errs))
	for i, e := range errs {
		joined[i] = e
	}
	return errors.Join(joined...)
}

func knownKeys() string {
	return "ignore, severity, failure-threshold, trusted-registries, policies, data, buildkit-checks"
}

// lookup follows a JSON pointer's tokens through the YAML tree.
func lookup(n *yaml.Node, loc []string) *yaml.Node {
	for _, tok := range loc {
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tok {
					next = n.Content[i+1]
					break
				}
			}
			if next == nil {
				return n
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(n.Content) {
				return n
			}
			n = n.Content[i]
		default:
			return n
		}
	}
	return n
}

func keyLine(mapping *yaml.Node, key string) int {
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if mapping.Content[i].Value == key {
			return mapping.Content[i].Line
		}
	}
	return mapping.Line
}
