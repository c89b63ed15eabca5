package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// decoder turns a YAML node tree into what a JSON decoder would produce
// (objects with string keys, float64 numbers), so that the schema and the
// rules see the same thing. It replaces yaml.Node.Decode, whose check for
// duplicate keys compares every key of a mapping with every other: a
// 1.4 MB file of 100,000 keys took minutes. Here a mapping's keys go into a
// set. Aliases are followed, within a budget against alias bombs.
type decoder struct {
	budget int                 // values that may still be produced
	active map[*yaml.Node]bool // aliases being expanded (a cycle)
	// index maps a JSON-pointer-like path ("severity/GD001") to its node,
	// keys the same path to the node of its key: the lines of schema
	// problems, found without searching the tree for each.
	index map[string]*yaml.Node
	keys  map[string]*yaml.Node
}

func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

type decodeError struct {
	line int
	msg  string
}

func (e *decodeError) Error() string { return e.msg }

func (d *decoder) value(n *yaml.Node, path []string) (any, error) {
	d.budget--
	if d.budget < 0 {
		return nil, &decodeError{n.Line, "aliases expand to too many values"}
	}
	if d.index != nil {
		p := strings.Join(path, "/")
		if _, seen := d.index[p]; !seen {
			d.index[p] = n
		}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return d.value(n.Content[0], path)
	case yaml.AliasNode:
		if d.active == nil {
			d.active = map[*yaml.Node]bool{}
		}
		if d.active[n] {
			return nil, &decodeError{n.Line, fmt.Sprintf("alias *%s contains itself", n.Value)}
		}
		d.active[n] = true
		defer delete(d.active, n)
		// Values under an alias are not indexed: problems point at the
		// anchor's lines, where the text is.
		index, keys := d.index, d.keys
		d.index, d.keys = nil, nil
		defer func() { d.index, d.keys = index, keys }()
		return d.value(n.Alias, path)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, c := range n.Content {
			v, err := d.value(c, append(path, strconv.Itoa(i)))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		defined := map[string]int{} // key → line, for duplicates
		if err := d.mapping(n, path, out, defined, false); err != nil {
			return nil, err
		}
		return out, nil
	case yaml.ScalarNode:
		return scalar(n)
	}
	return nil, &decodeError{n.Line, fmt.Sprintf("unsupported YAML node (kind %d)", n.Kind)}
}

// mapping adds n's pairs to out. Merged mappings (<<: *base) give defaults:
// keys of the mapping itself win over them and may repeat them.
func (d *decoder) mapping(n *yaml.Node, path []string, out map[string]any, defined map[string]int, merged bool) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			if err := d.merge(v, path, out, defined); err != nil {
				return err
			}
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return &decodeError{k.Line, "a key must be a plain value, not a list or a mapping"}
		}
		kv, err := scalar(k)
		if err != nil {
			return err
		}
		key := fmt.Sprint(kv)
		if kv == nil {
			key = "null"
		}
		if line, dup := defined[key]; dup && !merged {
			return &decodeError{k.Line, fmt.Sprintf("key %q is already defined on line %d", key, line)}
		}
		if _, dup := defined[key]; dup && merged {
			continue // a merged default does not replace what is set
		}
		if !merged {
			defined[key] = k.Line
			if d.keys != nil {
				d.keys[strings.Join(append(path, key), "/")] = k
			}
		}
		val, err := d.value(v, append(path, key))
		if err != nil {
			return err
		}
		out[key] = val
	}
	return nil
}

func (d *decoder) merge(v *yaml.Node, path []string, out map[string]any, defined map[string]int) error {
	target := v
	for target.Kind == yaml.AliasNode {
		target = target.Alias
	}
	switch target.Kind {
	case yaml.MappingNode:
		// Merged keys count against the alias budget like any value.
		d.budget -= len(target.Content) / 2
		if d.budget < 0 {
			return &decodeError{v.Line, "aliases expand to too many values"}
		}
		index, keys := d.index, d.keys
		d.index, d.keys = nil, nil
		defer func() { d.index, d.keys = index, keys }()
		return d.mapping(target, path, out, defined, true)
	case yaml.SequenceNode:
		for _, m := range target.Content {
			if err := d.merge(m, path, out, defined); err != nil {
				return err
			}
		}
		return nil
	}
	return &decodeError{v.Line, "<< merges a mapping or a list of mappings"}
}

// scalar resolves one scalar as YAML does (Decode on a scalar node is
// cheap) and converts it to its JSON form.
func scalar(n *yaml.Node) (any, error) {
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, &decodeError{n.Line, strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	switch x := v.(type) {
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case uint64:
		return float64(x), nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, &decodeError{n.Line, fmt.Sprintf("%s is not a number JSON can hold", n.Value)}
		}
		return x, nil
	case string, bool, nil:
		return x, nil
	}
	return nil, &decodeError{n.Line, fmt.Sprintf("unsupported YAML value %q (%s)", n.Value, n.Tag)}
}
