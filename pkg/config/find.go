package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Finder finds the configuration file that applies to a directory: the
// nearest .golint-docker.yaml (or .yml) in it or above it, as ruff and
// golangci-lint find theirs, so that each service of a monorepo can have its
// own. The search never climbs past the project it is in, so a file planted
// in a shared directory above (/tmp) does not apply to a project below:
//
//   - in a repository, it stops at the repository root (the nearest
//     directory holding .git), and never goes above the user's home;
//   - outside any repository, it stops at the user's home when the directory
//     is under it, else at the working directory when the directory is under
//     it (and it is not the filesystem root), else it looks in the directory
//     alone.
//
// A Finder remembers what it found per directory; it is safe for concurrent
// use.
type Finder struct {
	home, workDir string
	mu            sync.Mutex
	found         map[string]found
}

type found struct {
	path string
	err  error
}

// NewFinder returns a Finder bounded by the user's home and the working
// directory; either may be "" (no such bound).
func NewFinder(home, workDir string) *Finder {
	clean := func(p string) string {
		if p == "" {
			return ""
		}
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return ""
	}
	return &Finder{home: clean(home), workDir: clean(workDir), found: map[string]found{}}
}

// DefaultFinder is a Finder bounded by $HOME and the process's working
// directory.
func DefaultFinder() *Finder {
	home, _ := os.UserHomeDir()
	wd, _ := os.Getwd()
	return NewFinder(home, wd)
}

// Forget drops what the Finder found, for a long-lived process (the
// language server) after a configuration file was added or removed.
func (f *Finder) Forget() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.found = map[string]found{}
}

// Find returns the configuration file for dir, or "" when there is none.
// Both .golint-docker.yaml and .golint-docker.yml in one directory is an
// error: which one applies would be a guess.
func (f *Finder) Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.find(abs, f.stop(abs))
}

// find looks in dir, then in its parents up to stop.
func (f *Finder) find(dir, stop string) (string, error) {
	if r, ok := f.found[dir]; ok {
		return r.path, r.err
	}
	path, err := inDir(dir)
	if path == "" && err == nil && dir != stop {
		if parent := filepath.Dir(dir); parent != dir {
			path, err = f.find(parent, stop)
		}
	}
	// The cache is only right for dir under the same stop; every directory
	// below a stop has that stop (the stop depends on the nearest .git, the
	// home and the working directory, which are the same for a directory and
	// the ones between it and its stop).
	f.found[dir] = found{path, err}
	return path, err
}

// inDir returns the configuration file in dir itself.
func inDir(dir string) (string, error) {
	var hits []string
	for _, n := range Names {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			hits = append(hits, p)
		}
	}
	if len(hits) > 1 {
		return "", &Error{File: hits[0], Msg: fmt.Sprintf("%s is there too: keep one of them", filepath.Base(hits[1]))}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	return "", nil
}

// stop is the last directory the search for dir looks in.
func (f *Finder) stop(dir string) string {
	underHome := f.home != "" && within(dir, f.home)
	for d := dir; ; {
		if underHome && d == f.home {
			return d // a repository above home is not this project's
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	switch {
	case underHome:
		return f.home
	case f.workDir != "" && within(dir, f.workDir) && filepath.Dir(f.workDir) != f.workDir:
		return f.workDir
	}
	return dir
}

// within reports whether dir is root or below it (both absolute and clean).
func within(dir, root string) bool {
	if dir == root {
		return true
	}
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
