package main

import (
	"bytes"
	"os"
	"testing"
)

// TestCurrent: value_gen.go is what valuegen makes of the document's types
// now. After a change to pkg/document: go generate ./pkg/policy.
func TestCurrent(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../value_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("pkg/policy/value_gen.go is stale: run go generate ./pkg/policy (or make generate)")
	}
}
