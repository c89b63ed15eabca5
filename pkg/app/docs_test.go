package app

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackageDocsSayIfPublic: every package under pkg/ says in its doc
// comment whether other Go programs may rely on it.
func TestPackageDocsSayIfPublic(t *testing.T) {
	dirs, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		pkgs, err := parser.ParseDir(token.NewFileSet(), filepath.Join("..", d.Name()), func(fi os.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		for name, p := range pkgs {
			var doc string
			for _, f := range p.Files {
				if f.Doc != nil {
					doc += f.Doc.Text()
				}
			}
			n++
			if !strings.Contains(doc, "public API") {
				t.Errorf("pkg/%s (package %s): the doc comment does not say whether it is public API", d.Name(), name)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d packages found", n)
	}
}
