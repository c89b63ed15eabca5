package buildctx

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/parse"
)

// BenchmarkFind is the per-file cost of finding a context in a run over many
// Dockerfiles of one repository: after the first file, every directory fact
// comes from the Finder's cache. BenchmarkFindCold pays for the reads.
func BenchmarkFind(b *testing.B) {
	f, path, doc := benchSetup(b)
	for b.Loop() {
		if c, _ := f.Find(path, "", doc); c == nil {
			b.Fatal("no context")
		}
	}
}

func BenchmarkFindCold(b *testing.B) {
	_, path, doc := benchSetup(b)
	for b.Loop() {
		if c, _ := NewFinder().Find(path, "", doc); c == nil {
			b.Fatal("no context")
		}
	}
}

func benchSetup(b *testing.B) (*Finder, string, *document.Document) {
	root := b.TempDir()
	for p, content := range map[string]string{
		".git/HEAD": "ref: refs/heads/main\n", "go.mod": goModule, "go.sum": "", ".dockerignore": ".git\n*.env\n",
		"build/Dockerfile": buildFromRoot,
	} {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(content), 0o644)
	}
	path := filepath.Join(root, "build", "Dockerfile")
	pf, err := parse.Parse(path, []byte(buildFromRoot))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := document.Build(pf, document.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return NewFinder(), path, doc
}
