package schemamatch

import (
	"encoding/json"
	"reflect"
	"testing"
)

const schema = `{
  "type": "object",
  "required": ["line"],
  "additionalProperties": false,
  "properties": {
    "line": {"type": "integer", "minimum": 1},
    "edits": {"type": "array", "items": {"type": "object", "required": ["end_line"]}}
  }
}`

func TestMatch(t *testing.T) {
	var s any
	if err := json.Unmarshal([]byte(schema), &s); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		doc  string
		want []Problem
	}{
		{`{"line": 3}`, nil},
		{`{}`, []Problem{{"required", "", "line is required"}}},
		{`{"line": "3"}`, []Problem{{"invalid_type", "line", "Invalid type. Expected: integer, given: string"}}},
		{`{"line": 1, "edits": [{}]}`, []Problem{{"required", "edits.0", "end_line is required"}}},
		{`{"line": 1, "x": 2}`, []Problem{{"additional_property_not_allowed", "", "Additional property x is not allowed"}}},
	} {
		var doc any
		if err := json.Unmarshal([]byte(c.doc), &doc); err != nil {
			t.Fatal(err)
		}
		got, err := Match(doc, s)
		if err != nil {
			t.Fatalf("%s: %v", c.doc, err)
		}
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.doc, got, c.want)
		}
	}
}
