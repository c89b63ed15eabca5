// Package schemamatch checks a decoded JSON value against a JSON Schema
// with OPA's json.match_schema (gojsonschema underneath): the library is
// in the binary anyway, and a JSON Schema library of our own would cost
// ~20 ms of package initialisation on every start, for error paths.
//
// Not public API: pkg/config's and pkg/policy's, free to change.
package schemamatch

import (
	"context"
	"errors"
	"fmt"

	"github.com/open-policy-agent/opa/v1/rego"
)

// Problem is one place where a value does not match its schema.
type Problem struct {
	// Type is gojsonschema's name for it: "required", "invalid_type",
	// "additional_property_not_allowed", ...
	Type string
	// Field is the dotted path to the value ("edits.0.line"); "" for the
	// value itself.
	Field string
	// Desc is gojsonschema's description ("line is required").
	Desc string
}

// Match checks doc against schema (both as encoding/json decodes them)
// and returns what does not match; none when doc matches.
func Match(doc, schema any) ([]Problem, error) {
	rs, err := rego.New(
		rego.Query("x := json.match_schema(input.doc, input.schema)"),
		rego.Input(map[string]any{"doc": doc, "schema": schema}),
	).Eval(context.Background())
	if err != nil {
		return nil, err
	}
	if len(rs) != 1 {
		return nil, errors.New("json.match_schema gave no result")
	}
	res, ok := rs[0].Bindings["x"].([]any)
	if !ok || len(res) != 2 {
		return nil, fmt.Errorf("json.match_schema gave %v", rs[0].Bindings["x"])
	}
	if res[0] == true {
		return nil, nil
	}
	list, _ := res[1].([]any)
	out := make([]Problem, 0, len(list))
	for _, e := range list {
		m, _ := e.(map[string]any)
		var p Problem
		p.Type, _ = m["type"].(string)
		p.Field, _ = m["field"].(string)
		p.Desc, _ = m["desc"].(string)
		if p.Field == "(root)" || p.Field == "(Root)" {
			p.Field = ""
		}
		out = append(out, p)
	}
	return out, nil
}
