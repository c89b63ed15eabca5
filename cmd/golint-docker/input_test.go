package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestInputAsLint: golint-docker input builds the document as a lint run
// does: with the configuration that applies to the file (its image facts),
// the build context found from the repository root, standard input named
// by --stdin-filename; --data adds the data the rules read (the
// configuration's trusted registries and enabled rules).
func TestInputAsLint(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	goModule(t, repo)
	write(t, repo, "main.go", "package main\n\nfunc main() {}\n")
	src := "FROM golang:1.27 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n" +
		"FROM registry.acme.example/base/runtime:1\nCOPY --from=build /app /app\nEXPOSE 8080\nENTRYPOINT [\"/app\"]\n"
	df := write(t, repo, "build/Dockerfile", src)
	write(t, repo, ".golint-docker.yaml", "trusted-registries: [registry.acme.example]\nenable: [no-healthcheck]\n"+
		"data:\n  images:\n    acme:\n      match: ['registry.acme.example/base/*']\n      kind: minimal\n      shell: false\n      libc: glibc\n")

	type doc struct {
		File    string `json:"file"`
		Context struct {
			Dir     string `json:"dir"`
			FoundBy string `json:"found_by"`
			GoSum   bool   `json:"go_sum"`
		} `json:"context"`
		Stages []struct {
			Role  string `json:"role"`
			Image *struct {
				ID   string `json:"id"`
				Kind string `json:"kind"`
			} `json:"image"`
		} `json:"stages"`
	}
	read := func(r result) doc {
		t.Helper()
		var d doc
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
			t.Fatalf("%v\n%s", err, r.stdout)
		}
		return d
	}
	d := read(golint(t, "", nil, "input", df))
	if len(d.Stages) != 2 || d.Stages[1].Image == nil || d.Stages[1].Image.ID != "acme" || d.Stages[1].Image.Kind != "minimal" || d.Stages[1].Role != "runtime" {
		t.Errorf("the configuration's image facts are not in the document: %+v", d.Stages)
	}
	if d.Context.Dir != repo || d.Context.FoundBy != "sources" || !d.Context.GoSum {
		t.Errorf("context %+v, want %s found by its sources", d.Context, repo)
	}

	// Standard input stands for --stdin-filename: the same document.
	stdin := read(golint(t, src, nil, "input", "--stdin-filename", df, "-"))
	if !reflect.DeepEqual(stdin, d) {
		t.Errorf("stdin as %s:\n%+v\nwant\n%+v", df, stdin, d)
	}

	// --data: the input as above, and the data the rules read with it.
	r := golint(t, "", nil, "input", "--data", "--trusted-registry", "mirror.example", df)
	var both struct {
		Input json.RawMessage `json:"input"`
		Data  struct {
			GD struct {
				Config struct {
					Trusted []string `json:"trusted_registries"`
				} `json:"config"`
				Options map[string]struct {
					Enabled bool `json:"enabled"`
				} `json:"options"`
				Meta map[string]struct {
					DefaultOff bool `json:"default_off"`
				} `json:"meta"`
			} `json:"golintdocker"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &both); err != nil || r.code != 0 {
		t.Fatalf("--data: exit %d, %v\n%s", r.code, err, r.stderr)
	}
	var inner doc
	json.Unmarshal(both.Input, &inner)
	if !reflect.DeepEqual(inner, d) {
		t.Errorf("--data's input differs: %+v", inner)
	}
	if g := both.Data.GD; !reflect.DeepEqual(g.Config.Trusted, []string{"mirror.example"}) || !g.Options["no_healthcheck"].Enabled || !g.Meta["no_healthcheck"].DefaultOff {
		t.Errorf("--data: %+v", g)
	}

	// Another configuration: no acme facts, no rule turned on.
	other := write(t, t.TempDir(), "other.yaml", "{}\n")
	d = read(golint(t, "", nil, "input", "--config", other, df))
	if d.Stages[1].Image != nil && d.Stages[1].Image.ID == "acme" {
		t.Errorf("--config %s: still the acme facts", other)
	}
	r = golint(t, "", nil, "input", "--data", "--config", other, df)
	if !strings.Contains(r.stdout, `"enabled": false`) {
		t.Errorf("--config %s: no-healthcheck on", other)
	}

	// As for linting, a name in enable that matches no rule is an error.
	if r := golint(t, "", nil, "input", "--enable", "no-helthcheck", df); r.code != 2 || !strings.Contains(r.stderr, "did you mean no-healthcheck?") {
		t.Errorf("--enable typo: exit %d\n%s", r.code, r.stderr)
	}
	if r := golint(t, "", nil, "input", "--stdin-filename", df, df); r.code != 2 {
		t.Errorf("--stdin-filename without -: exit %d", r.code)
	}
}
