package valuegen

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite pkg/policy/value_gen.go")

// TestCurrent: value_gen.go is what valuegen makes of the document's types
// now. After a change to pkg/document: go generate ./pkg/policy (this test
// with -update).
func TestCurrent(t *testing.T) {
	want, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	const path = "../../value_gen.go"
	if *update {
		if err := os.WriteFile(path+".tmp", want, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("pkg/policy/value_gen.go is stale: run go generate ./pkg/policy (or make generate)")
	}
}
