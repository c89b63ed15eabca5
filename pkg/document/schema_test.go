package document

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// dockerfiles returns the Dockerfiles the schema is checked on: the project's
// testdata (the rules' too) and the shared corpus of real-world files.
func dockerfiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, root := range []string{filepath.Join("..", "..", "testdata"), filepath.Join("..", "..", "policies", "golintdocker", "rules")} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.Contains(d.Name(), "Dockerfile") || d.Name() == "Containerfile") && !strings.HasSuffix(d.Name(), ".dockerignore") {
				out = append(out, p)
			}
			return nil
		})
	}
	return append(out, testenv.OptionalCorpus(t)...)
}

// TestDocumentsMatchSchema: docs/input.schema.json describes what Build
// produces, for every Dockerfile we have.
func TestDocumentsMatchSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join("..", "..", "docs", "input.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	facts := builtinFacts(t)
	checked := 0
	files := dockerfiles(t)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parse.Parse(p, data)
		if err != nil {
			continue // not a valid Dockerfile: nothing to describe
		}
		d, err := Build(f, Options{Context: &Context{Dir: filepath.Dir(p), FoundBy: "dockerfile_dir", DockerignorePatterns: []string{}}, Facts: facts})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		raw, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s: document does not match docs/input.schema.json: %v", p, err)
		}
		checked++
	}
	t.Logf("%d of %d documents checked", checked, len(files))
	if checked < len(files)*9/10 {
		t.Errorf("only %d of %d documents checked", checked, len(files))
	}
}
