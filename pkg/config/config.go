// Package config reads .golint-docker.yaml: which rules run, how severe
// they are, where extra policies live and what data they see.
package config

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

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

// Error is a problem in a configuration file, with the line it is on.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Find looks for a configuration file in dir and its parents, stopping at
// the repository root (the first directory holding .git). It returns "" when
// there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, n := range Names {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the file at path.
func Load(path string) (*Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{Path: path, Msg: err.Error()}
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
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	if err := validate(value); err != nil {
		return nil, schemaError(path, doc, err)
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

func validate(v any) error {
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schemaJSON))
	if err != nil {
		return err
	}
	if err := c.AddResource("config.schema.json", doc); err != nil {
		return err
	}
	sch, err := c.Compile("config.schema.json")
	if err != nil {
		return err
	}
	return sch.Validate(v)
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
	return &Error{Path: path, Line: line, Msg: msg}
}

var printer = message.NewPrinter(language.English)

// schemaError reports the first problems the schema found, each with the
// key path and the line of the YAML node it is about.
func schemaError(path string, doc *yaml.Node, err error) error {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return &Error{Path: path, Msg: err.Error()}
	}
	var leaves []*jsonschema.ValidationError
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	var errs []error
	for _, l := range leaves {
		loc := l.InstanceLocation
		msg := l.ErrorKind.LocalizedString(printer)
		node := lookup(doc, loc)
		if len(loc) == 0 {
			if ap, ok := unknownKeys(msg); ok {
				for _, k := range ap {
					errs = append(errs, &Error{Path: path, Line: keyLine(doc, k), Msg: fmt.Sprintf("unknown key %q (known: %s)", k, knownKeys())})
				}
				continue
			}
		}
		key := strings.Join(loc, ".")
		if key == "" {
			key = "(top level)"
		}
		line := 0
		if node != nil {
			line = node.Line
		}
		if ap, ok := unknownKeys(msg); ok && node != nil {
			for _, k := range ap {
				errs = append(errs, &Error{Path: path, Line: keyLine(node, k), Msg: fmt.Sprintf("%s: unknown key %q", key, k)})
			}
			continue
		}
		errs = append(errs, &Error{Path: path, Line: line, Msg: fmt.Sprintf("%s: %s", key, msg)})
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].(*Error).Line < errs[j].(*Error).Line })
	return errors.Join(errs...)
}

// unknownKeys reads the property names out of the schema library's
// "additional properties 'a', 'b' not allowed" message.
func unknownKeys(msg string) ([]string, bool) {
	if !strings.HasPrefix(msg, "additional propert") {
		return nil, false
	}
	var keys []string
	for _, part := range strings.Split(msg, "'")[1:] {
		if part != "" && !strings.ContainsAny(part, " ,") {
			keys = append(keys, part)
		}
	}
	return keys, len(keys) > 0
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
