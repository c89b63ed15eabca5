// Package discover turns the paths given on the command line into the list
// of Dockerfiles to lint.
//
// Not public API: the command line's file search, free to change.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// skipDirs are never searched.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true}

// IsDockerfile reports whether a file name is one golint-docker lints when
// it searches a directory: Dockerfile, Dockerfile.*, *.Dockerfile,
// Containerfile, Containerfile.* — but not the *.dockerignore files that
// sit beside them.
func IsDockerfile(name string) bool {
	if strings.HasSuffix(name, ".dockerignore") {
		return false
	}
	switch {
	case name == "Dockerfile", name == "Containerfile":
		return true
	case strings.HasPrefix(name, "Dockerfile.") && len(name) > len("Dockerfile."):
		return true
	case strings.HasPrefix(name, "Containerfile.") && len(name) > len("Containerfile."):
		return true
	case strings.HasSuffix(name, ".Dockerfile") && len(name) > len(".Dockerfile"):
		return true
	}
	return false
}

// Problem is a path that could not be searched.
type Problem struct {
	Path string
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("%s: %v", p.Path, p.Err) }

// Files expands paths: a file is taken as it is (whatever its name), a
// directory is searched recursively, "-" stands for standard input. The
// result is sorted and without duplicates; problems (a missing path, an
// unreadable directory, a directory with no Dockerfile) are returned beside
// it so that one bad path does not stop the others.
func Files(paths []string) ([]string, []Problem) {
	var files []string
	var problems []Problem
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			problems = append(problems, Problem{p, describe(err)})
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, Problem{path, describe(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && skipDirs[d.Name()] {
					return fs.SkipDir
				}
				return nil
			}
			if IsDockerfile(d.Name()) {
				found++
				add(path)
			}
			return nil
		})
		if err != nil {
			problems = append(problems, Problem{p, describe(err)})
		}
		if found == 0 {
			problems = append(problems, Problem{p, errors.New("no Dockerfile found in this directory (looked for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile)")})
		}
	}
	sort.Strings(files)
	return files, problems
}

// describe shortens an *fs.PathError to its cause: the path is shown by the caller.
func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
