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

// TestValueSharesAlikeValues: values that repeat from instruction to
// instruction without saying where they are (a go build flag, the
// environment of a command, an argument list, an empty list) are one term,
// however many instructions carry them — a large file's value would
// otherwise hold a copy of each — while those that say where they are
// stay apart.
func TestValueSharesAlikeValues(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	src := "FROM golang:1.26 AS build\n" +
		"RUN CGO_ENABLED=0 go build -trimpath -o /out/a ./cmd/a\n" +
		"RUN CGO_ENABLED=0 go build -trimpath -o /out/b ./cmd/b\n" +
		"RUN apt-get install -y curl\n" +
		"RUN apt-get install -y curl\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := lint.New(nil, lint.Options{}).ReadDocument(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, err := policy.Value(doc)
	if err != nil {
		t.Fatal(err)
	}
	at := func(i int, path ...any) *ast.Term {
		t.Helper()
		ref := ast.Ref{ast.StringTerm("stages"), ast.IntNumberTerm(0), ast.StringTerm("instructions"), ast.IntNumberTerm(i)}
		for _, p := range path {
			switch p := p.(type) {
			case string:
				ref = append(ref, ast.StringTerm(p))
			case int:
				ref = append(ref, ast.IntNumberTerm(p))
			}
		}
		x, err := v.Find(ref)
		if err != nil {
			t.Fatalf("instruction %d: %v: %v", i, path, err)
		}
		// Find returns the value; the term that holds it is the parent's.
		parent, err := v.Find(ref[:len(ref)-1])
		if err != nil {
			t.Fatal(err)
		}
		var term *ast.Term
		switch p := parent.(type) {
		case ast.Object:
			term = p.Get(ref[len(ref)-1])
		case *ast.Array:
			term = p.Elem(path[len(path)-1].(int))
		}
		if term == nil || term.Value.Compare(x) != 0 {
			t.Fatalf("instruction %d: %v: no term", i, path)
		}
		return term
	}
	same := [][]any{
		{"run", "go", 0, "flags", 0},  // {"name": "trimpath", "value": ""}
		{"run", "go", 0, "env"},       // {"CGO_ENABLED": "0"}
		{"run", "commands", 0, "env"}, // the same, for the command
		{"run", "mounts"},             // []
		{"run", "go", 0, "build", "cgo_reason"},
	}
	for _, p := range same {
		if a, b := at(0, p...), at(1, p...); a != b {
			t.Errorf("%v: instructions 0 and 1 have equal values in two terms", p)
		}
	}
	if a, b := at(2, "run", "commands", 0, "argv"), at(3, "run", "commands", 0, "argv"); a != b {
		t.Error("equal argument lists in two terms")
	}
	if a, b := at(2, "run", "package_commands", 0, "args", 0), at(3, "run", "package_commands", 0, "args", 0); a != b {
		t.Error("equal package arguments in two terms")
	}
	// Values that say where they are differ, and stay apart.
	if at(0, "run", "go", 0, "build") == at(1, "run", "go", 0, "build") {
		t.Error("two different builds share a term")
	}
	if a, b := at(2, "run", "commands", 0), at(3, "run", "commands", 0); a == b || a.Value.Compare(b.Value) == 0 {
		t.Error("the commands of two lines are alike")
	}
}
