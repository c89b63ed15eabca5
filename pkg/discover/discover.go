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

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// skipDirs are never searched.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true}

// notDockerfile are extensions that make Dockerfile.<ext> something else: a
// report written beside the Dockerfile (golint-docker's own SARIF or JSON
// from the last run), a template, a patch, an editor's or a merge's leftover.
var notDockerfile = map[string]bool{
	"dockerignore": true,
	"sarif":        true, "json": true, "xml": true, "txt": true, "log": true, "out": true,
	"html": true, "htm": true, "md": true, "markdown": true, "rst": true, "adoc": true,
	"yaml": true, "yml": true, "toml": true, "ini": true, "csv": true, "tsv": true, "lock": true,
	"orig": true, "rej": true, "bak": true, "old": true, "swp": true, "swo": true, "tmp": true,
	"patch": true, "diff": true, "sh": true, "bash": true, "ps1": true, "py": true, "go": true, "js": true,
	"in": true, "j2": true, "jinja": true, "jinja2": true, "tpl": true, "tmpl": true, "template": true, "erb": true, "mustache": true,
	"gz": true, "tgz": true, "zip": true, "tar": true, "png": true, "jpg": true, "svg": true, "pdf": true,
	"sig": true, "asc": true, "sha256": true, "spdx": true, "cdx": true, "sbom": true,
}

// IsDockerfile reports whether a file name is one golint-docker lints when
// it searches a directory: Dockerfile, Dockerfile.*, *.Dockerfile,
// Containerfile, Containerfile.* — but not the files that sit beside them
// under such names (Dockerfile.dockerignore, a Dockerfile.sarif report, a
// Dockerfile.orig, a Dockerfile.j2 template).
func IsDockerfile(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && notDockerfile[strings.ToLower(name[i+1:])] {
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

// File is a Dockerfile to lint and the tree it was found in.
type File struct {
	Path string
	// Root is the tree the file must be read from (symbolic links may not
	// leave it): the repository holding the searched directory, else that
	// directory. Empty for a path given by name, which is read wherever it
	// leads: the user chose it.
	Root string
}

// RepoRoot is the repository dir is in — the nearest directory at or
// above it that holds .git — or dir itself outside a repository.
func RepoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// Problem is a path that could not be searched.
type Problem struct {
	Path string
	Err  error
}

func (p Problem) Error() string { return fmt.Sprintf("%s: %v", p.Path, p.Err) }

// Files expands paths: a file is taken as it is (whatever its name), a
// directory is searched recursively, "-" stands for standard input. The
// result is sorted by path and without duplicates (a file both named and
// found is read as named); problems (a missing path, an unreadable
// directory, a directory with no Dockerfile, a FIFO or device under a
// Dockerfile's name) are returned beside it so that one bad path does not
// stop the others.
func Files(paths []string) ([]File, []Problem) {
	var files []File
	var problems []Problem
	seen := map[string]int{}
	add := func(f File) {
		if i, ok := seen[f.Path]; ok {
			if f.Root == "" {
				files[i].Root = ""
			}
			return
		}
		seen[f.Path] = len(files)
		files = append(files, f)
	}
	for _, p := range paths {
		if p == "-" {
			add(File{Path: p})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			problems = append(problems, Problem{p, safeio.Cause(err)})
			continue
		}
		if !st.IsDir() {
			add(File{Path: p})
			continue
		}
		root := RepoRoot(p)
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, Problem{path, safeio.Cause(err)})
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
			if !IsDockerfile(d.Name()) {
				return nil
			}
			found++
			if t := d.Type(); t&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
				// Reported here, never opened: a FIFO would block the run.
				problems = append(problems, Problem{path, fmt.Errorf("not a regular file (%s); not read", kind(t))})
				return nil
			}
			add(File{Path: path, Root: root})
			return nil
		})
		if err != nil {
			problems = append(problems, Problem{p, safeio.Cause(err)})
		}
		if found == 0 {
			problems = append(problems, Problem{p, errors.New("no Dockerfile found in this directory (looked for Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile)")})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, problems
}

func kind(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	}
	return "an irregular file"
}
