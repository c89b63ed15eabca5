package policy_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/testenv"
	"github.com/golint-docker/golint-docker/policies"
)

// TestValueEqualsJSON: the direct conversion gives exactly what the JSON
// encoding of the document gives (what an OPA server receives).
func TestValueEqualsJSON(t *testing.T) {
	var files []string
	for _, dir := range []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "policies", "golintdocker", "rules")} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(d.Name(), "Dockerfile") && !strings.HasSuffix(d.Name(), ".dockerignore") {
				files = append(files, p)
			}
			return nil
		})
	}
	files = append(files, testenv.OptionalCorpus(t)...)
	// With the built-in image and package facts, as a run builds
	// documents: the facts are data, converted as such.
	data, err := policy.LoadData([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}})
	if err != nil {
		t.Fatal(err)
	}
	gd, _ := data["golintdocker"].(map[string]any)
	facts, err := imagefacts.New(gd)
	if err != nil {
		t.Fatal(err)
	}
	l := lint.New(nil, lint.Options{Facts: facts})
	n := 0
	for _, p := range files {
		doc, err := l.ReadDocument(p, nil)
		if err != nil {
			continue
		}
		got, err := policy.Value(doc)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		raw, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ast.ValueFromReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(want) != 0 {
			t.Fatalf("%s: Value differs from the JSON encoding", p)
		}
		n++
	}
	if n < len(files)*9/10 {
		t.Fatalf("only %d of %d documents compared", n, len(files))
	}
}
