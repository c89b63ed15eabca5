package initgen

import (
	"errors"
	"go/build"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// mainPackages lists the main packages under dir as ./path ("." for dir
// itself), as the go command sees them: build constraints and _test.go
// files count, and vendor, testdata, nested modules and directories whose
// names start with . or _ are not the module's.
func mainPackages(dir string) ([]string, error) {
	var mains []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != dir {
			if name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if exists(filepath.Join(p, "go.mod")) {
				return filepath.SkipDir // another module
			}
		}
		ctx := build.Default
		ctx.CgoEnabled = false // as the Dockerfile builds it
		pkg, err := ctx.ImportDir(p, 0)
		var noGo *build.NoGoError
		switch {
		case errors.As(err, &noGo):
			return nil
		case err != nil:
			// Files of several packages, a syntax error: not a main
			// package init can build; go build will say why.
			return nil
		case pkg.Name == "main":
			rel, _ := filepath.Rel(dir, p)
			if rel == "." {
				mains = append(mains, ".")
			} else {
				mains = append(mains, "./"+filepath.ToSlash(rel))
			}
		}
		return nil
	})
	sort.Strings(mains)
	return mains, err
}
