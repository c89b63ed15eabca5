package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// modules holds module trees with a Dockerfile each (testdata/modules/README.md).
const modules = "../../testdata/modules"

type moduleFinding struct {
	Rule    string `json:"rule_name"`
	Line    int    `json:"line"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

// lintModule runs the command line on dir/Dockerfile, with dir as --context
// unless discover, and returns the findings of the Go module rules.
func lintModule(t *testing.T, dir string, discover bool) []moduleFinding {
	t.Helper()
	args := []string{"--format", "json", "--failure-threshold", "none", "--buildkit-checks=false"}
	if !discover {
		args = append(args, "--context", dir)
	}
	r := golint(t, "", nil, append(args, filepath.Join(dir, "Dockerfile"))...)
	if r.code != 0 {
		t.Fatalf("%s: exit %d\n%s", dir, r.code, r.stderr)
	}
	var out struct {
		Files []struct {
			Findings []moduleFinding `json:"findings"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out.Files) != 1 {
		t.Fatalf("%s: %v\n%s", dir, err, r.stdout)
	}
	var fs []moduleFinding
	for _, f := range out.Files[0].Findings {
		if f.Rule == "go-cache-mounts" || f.Rule == "go-mod-download-order" {
			fs = append(fs, f)
		}
	}
	return fs
}

func rules(fs []moduleFinding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	slices.Sort(out)
	return out
}

// TestModuleTrees: what go.mod, go.sum and vendor/ say reaches the two
// rules that read them, through the command line.
func TestModuleTrees(t *testing.T) {
	for _, tc := range []struct {
		dir        string
		rules      []string
		moduleHint bool // go-cache-mounts asks for the module cache
	}{
		{"deps", []string{"go-cache-mounts", "go-mod-download-order"}, true},
		{"nodeps", []string{"go-cache-mounts"}, false},
		{"vendored", []string{"go-cache-mounts"}, false},
		{"replace", []string{"go-mod-download-order"}, false},
		{"outside/api", nil, false},
	} {
		for _, discover := range []bool{false, true} {
			fs := lintModule(t, filepath.Join(modules, tc.dir), discover)
			if got := rules(fs); !slices.Equal(got, tc.rules) {
				t.Errorf("%s (discover %v): rules %v, want %v", tc.dir, discover, got, tc.rules)
			}
			for _, f := range fs {
				if f.Rule != "go-cache-mounts" {
					continue
				}
				mentions := strings.Contains(f.Message, "/go/pkg/mod") || strings.Contains(f.Fix, "/go/pkg/mod")
				if mentions != tc.moduleHint || !strings.Contains(f.Fix, "/root/.cache/go-build") {
					t.Errorf("%s: module cache asked for: %v, want %v:\n%s\n%s", tc.dir, mentions, tc.moduleHint, f.Message, f.Fix)
				}
				if !tc.moduleHint && strings.Contains(f.Message, "go mod download") {
					t.Errorf("%s: a download with nothing to fetch is named: %s", tc.dir, f.Message)
				}
			}
		}
	}
}

// TestModuleTreeReplaceFix: the fix of a module whose go.mod replaces a
// module by a directory copies that directory's go.mod before the
// download; the rule says nothing when the directory's go.mod does not
// reach the build.
func TestModuleTreeReplaceFix(t *testing.T) {
	src := filepath.Join(modules, "replace")
	dir := copyTree(t, src)
	r := golint(t, "", nil, "--fix", "--buildkit-checks=false", "--context", dir, filepath.Join(dir, "Dockerfile"))
	got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	want, err := os.ReadFile(filepath.Join(src, "Dockerfile.fixed"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) || !strings.Contains(string(got), "COPY go.mod go.sum ./\nCOPY money/go.mod money/\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . .\n") {
		t.Errorf("--fix gave:\n%s\nwant:\n%s\n%s", got, want, r.stderr)
	}
	fs := lintModule(t, src, false)
	if len(fs) != 1 || !strings.Contains(fs[0].Fix, "copy `money/go.mod` before it too") {
		t.Errorf("findings %+v", fs)
	}

	for name, change := range map[string]func(dir string){
		"money/go.mod missing": func(dir string) { rm(t, filepath.Join(dir, "money", "go.mod")) },
		"money/ excluded":      func(dir string) { write(t, dir, ".dockerignore", ".git\nmoney\n") },
		"replaced above the context": func(dir string) {
			write(t, dir, "go.mod", "module example.com/shop\n\ngo 1.26\n\nrequire (\n\texample.com/shop/money v0.0.0\n\tgithub.com/google/uuid v1.6.0\n)\n\nreplace example.com/shop/money => ../money\n")
		},
	} {
		dir := copyTree(t, src)
		change(dir)
		if fs := lintModule(t, dir, false); len(fs) != 0 {
			t.Errorf("%s: %+v", name, fs)
		}
	}
}

func rm(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files under src into a new temporary
// directory and returns it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		write(t, dst, rel, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
