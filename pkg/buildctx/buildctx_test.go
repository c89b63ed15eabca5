package buildctx

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// tree writes files (path -> content) under a new temporary directory and
// returns it. A path ending in "/" is a directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// find lints nothing: it reads the Dockerfile at path, builds its document
// and asks f for its context.
func find(t *testing.T, f *Finder, path, contextDir string) (*document.Context, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parse.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.Build(pf, document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f.Find(path, contextDir, doc)
}

const goModule = "module example.com/svc\n\ngo 1.23.0\n\ntoolchain go1.24.2\n\nrequire github.com/google/uuid v1.6.0\n"

const buildFromRoot = `FROM golang:1.24 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/svc ./cmd/svc
`

func TestContextAtRepositoryRoot(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":               "",
		"go.mod":              goModule,
		"go.sum":              "github.com/google/uuid v1.6.0 h1:x\n",
		".dockerignore":       ".git\n# comment\n*.env\n",
		"build/Dockerfile":    buildFromRoot,
		"build/.dockerignore": "unrelated\n",
	})
	c, note := find(t, NewFinder(), filepath.Join(root, "build", "Dockerfile"), "")
	if c == nil {
		t.Fatal("context not found")
	}
	if c.Dir != root || c.FoundBy != FoundBySources {
		t.Errorf("context %s found by %s, want %s by sources", c.Dir, c.FoundBy, root)
	}
	if c.Dockerignore != filepath.Join(root, ".dockerignore") || !slices.Equal(c.DockerignorePatterns, []string{".git", "*.env"}) {
		t.Errorf("dockerignore %q %q", c.Dockerignore, c.DockerignorePatterns)
	}
	want := document.GoMod{Module: "example.com/svc", Go: "1.23.0", Toolchain: "go1.24.2", HasRequires: true, RemoteRequires: true, LocalReplaces: []document.LocalReplace{}}
	if c.GoMod == nil || !reflect.DeepEqual(*c.GoMod, want) {
		t.Errorf("go.mod facts %+v, want %+v", c.GoMod, want)
	}
	if !c.GoSum || c.VendorModules || c.Vendored {
		t.Errorf("go.sum %v, vendor %v, vendored %v", c.GoSum, c.VendorModules, c.Vendored)
	}
	if !strings.Contains(note, "build context: "+root) || !strings.Contains(note, "go.mod, go.sum") {
		t.Errorf("note %q", note)
	}
}

func TestNearestDirectoryWins(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":          "",
		"go.mod":         goModule,
		"go.sum":         "",
		"svc/go.mod":     "module example.com/svc/sub\n\ngo 1.22\n",
		"svc/go.sum":     "",
		"svc/Dockerfile": buildFromRoot,
	})
	c, note := find(t, NewFinder(), filepath.Join(root, "svc", "Dockerfile"), "")
	if c == nil || c.Dir != filepath.Join(root, "svc") || note != "" {
		t.Fatalf("got %+v, note %q; want svc/ and no note", c, note)
	}
	if c.GoMod.HasRequires || c.GoMod.Module != "example.com/svc/sub" {
		t.Errorf("go.mod facts %+v", c.GoMod)
	}
}

func TestNeverAboveTheRepositoryRoot(t *testing.T) {
	outer := tree(t, map[string]string{
		"go.mod":                 goModule,
		"go.sum":                 "",
		"repo/.git":              "gitdir: /elsewhere\n", // a worktree's .git file
		"repo/docker/Dockerfile": buildFromRoot,
	})
	if c, _ := find(t, NewFinder(), filepath.Join(outer, "repo", "docker", "Dockerfile"), ""); c != nil {
		t.Errorf("context %s is above the repository root", c.Dir)
	}
}

func TestWithoutRepositoryOnlyTheDockerfilesDirectory(t *testing.T) {
	dir := tree(t, map[string]string{
		"go.mod":               goModule,
		"go.sum":               "",
		"alone/app.Dockerfile": buildFromRoot,
		"Dockerfile":           buildFromRoot,
	})
	f := NewFinder()
	if c, _ := find(t, f, filepath.Join(dir, "alone", "app.Dockerfile"), ""); c != nil {
		t.Errorf("no repository: the parent %s must not be taken", c.Dir)
	}
	if c, _ := find(t, f, filepath.Join(dir, "Dockerfile"), ""); c == nil || c.Dir != dir {
		t.Errorf("got %+v, want the Dockerfile's directory, which holds its sources", c)
	}
}

func TestNothingToTellDirectoriesApart(t *testing.T) {
	const node = "FROM node:22\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n"
	root := tree(t, map[string]string{
		".git/":          "",
		".dockerignore":  "node_modules\n",
		"Dockerfile":     node,
		"web/Dockerfile": node,
	})
	f := NewFinder()
	c, _ := find(t, f, filepath.Join(root, "Dockerfile"), "")
	if c == nil || c.Dir != root || c.FoundBy != FoundByDockerfile {
		t.Errorf("at the repository root: got %+v, want the root", c)
	}
	if c, _ := find(t, f, filepath.Join(root, "web", "Dockerfile"), ""); c != nil {
		t.Errorf("web/ or the root could be the context; got %s", c.Dir)
	}
	// The same Dockerfile outside any repository: unknown.
	lone := tree(t, map[string]string{"Dockerfile": node})
	if c, _ := find(t, f, filepath.Join(lone, "Dockerfile"), ""); c != nil {
		t.Errorf("no repository, no sources: got %s", c.Dir)
	}
}

func TestWholeContextAndGoBuildLooksForGoMod(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":             "",
		"go.mod":            goModule,
		"deploy/Dockerfile": "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nENTRYPOINT [\"/app\"]\n",
		"tools/Dockerfile":  "FROM golang:1.24\nRUN go install golang.org/x/tools/cmd/stringer@latest\nCOPY . .\n",
	})
	f := NewFinder()
	if c, _ := find(t, f, filepath.Join(root, "deploy", "Dockerfile"), ""); c == nil || c.Dir != root {
		t.Errorf("got %+v, want the root, where go.mod is", c)
	}
	// go install pkg@version needs no module: nothing to go by.
	if c, _ := find(t, f, filepath.Join(root, "tools", "Dockerfile"), ""); c != nil {
		t.Errorf("got %s, want unknown", c.Dir)
	}
}

func TestMostSourcesMustExist(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":  "",
		"go.mod": goModule,
		"go.sum": "",
		// bin/svc is built by make before docker build: not in the tree.
		"a/Dockerfile": "FROM scratch\nCOPY go.mod go.sum ./\nCOPY bin/svc /svc\n",
		"b/Dockerfile": "FROM scratch\nCOPY go.mod ./\nCOPY bin/svc /svc\nCOPY configs/ /etc/svc/\n",
	})
	f := NewFinder()
	if c, _ := find(t, f, filepath.Join(root, "a", "Dockerfile"), ""); c == nil || c.Dir != root {
		t.Errorf("2 of 3 sources at the root: got %+v", c)
	}
	if c, _ := find(t, f, filepath.Join(root, "b", "Dockerfile"), ""); c != nil {
		t.Errorf("1 of 3 sources: got %s, want unknown", c.Dir)
	}
}

func TestSourcesThatAreNoEvidence(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":     "",
		"main.go":   "package main\n",
		"sub/x.txt": "",
		"sub/Dockerfile": `FROM alpine AS base
ARG SRC
COPY $SRC/x.txt /x
ADD https://example.com/x.tar.gz /tmp/
COPY --from=base /etc/passwd /p
COPY <<EOF /etc/motd
hello
EOF
COPY ../../*.go /src/
`,
	})
	c, note := find(t, NewFinder(), filepath.Join(root, "sub", "Dockerfile"), "")
	// Only *.go counts (../../ stays in the context): found at the root.
	if c == nil || c.Dir != root || !strings.Contains(note, "*.go") {
		t.Errorf("got %+v, note %q", c, note)
	}
}

func TestFlagContext(t *testing.T) {
	ctxDir := tree(t, map[string]string{"go.mod": "module m\n\ngo 1.13\n", "vendor/modules.txt": "# x\n"})
	df := tree(t, map[string]string{"Dockerfile": "FROM scratch\nCOPY nothing-here /x\n"})
	f := NewFinder()
	c, note := find(t, f, filepath.Join(df, "Dockerfile"), ctxDir)
	if c == nil || c.Dir != ctxDir || c.FoundBy != FoundByFlag || note != "" {
		t.Fatalf("got %+v, note %q", c, note)
	}
	if !c.VendorModules || c.Vendored {
		t.Errorf("go 1.13 does not use vendor/ by default: %+v", c)
	}
	if c.GoMod.HasRequires || c.Dockerignore != "" || c.DockerignorePatterns == nil {
		t.Errorf("facts %+v", c)
	}
	// Standard input: unknown unless --context is given.
	if c, _ := f.Find("-", "", nil); c != nil {
		t.Errorf("stdin without --context: %+v", c)
	}
	if c, _ := f.Find("-", ctxDir, nil); c == nil || c.Dir != ctxDir {
		t.Errorf("stdin with --context: %+v", c)
	}
}

func TestVendoredAndDockerignoreExclusions(t *testing.T) {
	mod := "module m\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n"
	f := NewFinder()
	for _, tc := range []struct {
		ignore          string
		vendored, goSum bool
	}{
		{"", true, true},
		{".git\n", true, true},
		{"vendor\n", false, true},
		{"vendor/\n!vendor/modules.txt\n", true, true},
		{"go.sum\n", true, false},
	} {
		files := map[string]string{"go.mod": mod, "go.sum": "", "vendor/modules.txt": "# example.com/x v1.0.0\n"}
		if tc.ignore != "" {
			files[".dockerignore"] = tc.ignore
		}
		dir := tree(t, files)
		c := f.facts(dir, dir, FoundByFlag, "-")
		if c.Vendored != tc.vendored || c.VendorModules != tc.vendored || c.GoSum != tc.goSum {
			t.Errorf(".dockerignore %q: vendored %v, go.sum %v; want %v, %v", tc.ignore, c.Vendored, c.GoSum, tc.vendored, tc.goSum)
		}
	}
}

func TestDockerfileSpecificIgnoreFirst(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":                       "",
		".dockerignore":               "general\n",
		"go.mod":                      goModule,
		"go.sum":                      "",
		"api.Dockerfile":              buildFromRoot,
		"api.Dockerfile.dockerignore": "api-only\n",
		"worker.Dockerfile":           buildFromRoot,
	})
	f := NewFinder()
	c, _ := find(t, f, filepath.Join(root, "api.Dockerfile"), "")
	if c.Dockerignore != filepath.Join(root, "api.Dockerfile.dockerignore") || !slices.Equal(c.DockerignorePatterns, []string{"api-only"}) {
		t.Errorf("api: %q %q", c.Dockerignore, c.DockerignorePatterns)
	}
	c, _ = find(t, f, filepath.Join(root, "worker.Dockerfile"), "")
	if c.Dockerignore != filepath.Join(root, ".dockerignore") || !slices.Equal(c.DockerignorePatterns, []string{"general"}) {
		t.Errorf("worker: %q %q", c.Dockerignore, c.DockerignorePatterns)
	}
}

func TestRequiresReplacedByDirectories(t *testing.T) {
	dir := tree(t, map[string]string{"go.mod": `module example.com/mono/api

go 1.23

require (
	example.com/mono/lib v0.0.0
	example.com/mono/proto v0.0.0
)

replace example.com/mono/lib => ../lib

replace example.com/mono/proto v0.0.0 => ../proto
`})
	f := NewFinder()
	c := f.facts(dir, dir, FoundByFlag, "-")
	if !c.GoMod.HasRequires || c.GoMod.RemoteRequires {
		t.Errorf("got %+v", c.GoMod)
	}
	// A replacement by another module still downloads.
	dir = tree(t, map[string]string{"go.mod": "module m\n\ngo 1.23\n\nrequire example.com/a v1.0.0\n\nreplace example.com/a => example.com/fork v1.0.1\n"})
	if c := f.facts(dir, dir, FoundByFlag, "-"); !c.GoMod.RemoteRequires {
		t.Errorf("got %+v", c.GoMod)
	}
}

func TestLocalReplaces(t *testing.T) {
	root := tree(t, map[string]string{
		"go.mod": `module example.com/mono

go 1.23

require (
	example.com/mono/lib v0.0.0
	example.com/mono/proto v0.0.0
	example.com/mono/gen v0.0.0
	example.com/shared v0.0.0
	example.com/abs v0.0.0
	github.com/pkg/errors v0.9.1
)

replace (
	example.com/mono/lib => ./lib
	example.com/mono/proto v0.0.0 => ./api/proto/
	example.com/mono/gen => ./gen
	example.com/shared => ../shared
	example.com/abs => /opt/abs
	github.com/pkg/errors => github.com/fork/errors v0.9.2
)
`,
		"lib/go.mod":       "module example.com/mono/lib\n",
		"api/proto/go.mod": "module example.com/mono/proto\n",
		"gen/gen.go":       "package gen\n",
		".dockerignore":    "api/proto/go.mod\n",
	})
	c := NewFinder().facts(root, root, FoundByFlag, "-")
	want := []document.LocalReplace{
		{Module: "example.com/mono/lib", Dir: "./lib", Path: "lib", GoMod: true},
		// Excluded by the .dockerignore: the build does not get it.
		{Module: "example.com/mono/proto", Dir: "./api/proto/", Path: "api/proto", GoMod: false},
		// No go.mod there.
		{Module: "example.com/mono/gen", Dir: "./gen", Path: "gen", GoMod: false},
		{Module: "example.com/shared", Dir: "../shared", Path: "", GoMod: false},
		{Module: "example.com/abs", Dir: "/opt/abs", Path: "", GoMod: false},
	}
	if c.GoMod == nil || !reflect.DeepEqual(c.GoMod.LocalReplaces, want) {
		t.Errorf("local replaces\n got %+v\nwant %+v", c.GoMod, want)
	}
	if !c.GoMod.RemoteRequires {
		t.Error("github.com/pkg/errors is replaced by another module, which is downloaded")
	}
}

func TestInsidePath(t *testing.T) {
	for dir, want := range map[string]string{
		"./lib": "lib", "./a/../b/": "b", ".": ".", "./lib/../..": "", "../x": "", "..": "",
		"/abs": "", `.\lib`: "", "./a/./b": "a/b",
	} {
		if got := insidePath(dir); got != want {
			t.Errorf("insidePath(%q) = %q, want %q", dir, got, want)
		}
	}
}

func TestGoModOfANewerGo(t *testing.T) {
	dir := tree(t, map[string]string{"go.mod": "module m\n\ngo 1.40\n\nfrobnicate x\n\nrequire example.com/x v1.0.0\n"})
	c := NewFinder().facts(dir, dir, FoundByFlag, "-")
	if c.GoMod == nil || c.GoMod.Error != "" || c.GoMod.Module != "m" || c.GoMod.Go != "1.40" || !c.GoMod.HasRequires {
		t.Errorf("got %+v", c.GoMod)
	}
}

func TestGoModThatDoesNotParse(t *testing.T) {
	dir := tree(t, map[string]string{"go.mod": "module m\nrequire (\n", "vendor/modules.txt": ""})
	c := NewFinder().facts(dir, dir, FoundByFlag, "-")
	if c.GoMod == nil || c.GoMod.Error == "" || c.Vendored {
		t.Errorf("got %+v %+v", c, c.GoMod)
	}
}

func TestSymlinksOutOfTheContextAreNotFollowed(t *testing.T) {
	outside := tree(t, map[string]string{"go.mod": goModule, "ignore": "secret-pattern\n", "go.sum": ""})
	dir := tree(t, map[string]string{".git/": "", "inside.mod": goModule})
	for name, target := range map[string]string{
		"go.mod":        filepath.Join(outside, "go.mod"),
		".dockerignore": filepath.Join(outside, "ignore"),
		"go.sum":        filepath.Join(outside, "go.sum"),
		"config":        outside,
	} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlinks: %v", err)
		}
	}
	// A symlink that stays inside is followed.
	if err := os.Symlink("inside.mod", filepath.Join(dir, "vendor.mod")); err != nil {
		t.Fatal(err)
	}
	f := NewFinder()
	c := f.facts(dir, dir, FoundByFlag, "-")
	if c.GoMod != nil || c.GoSum || slices.Contains(c.DockerignorePatterns, "secret-pattern") {
		t.Errorf("read through a symlink out of the context: %+v", c)
	}
	if f.exist(dir, "config/go.mod") || !f.exist(dir, "vendor.mod") {
		t.Error("existence must not follow symlinks out of the context, and must follow those inside")
	}
}

func TestFIFOsAndDevicesAreNotRead(t *testing.T) {
	dir := tree(t, map[string]string{"vendor/": ""})
	for _, name := range []string{"go.mod", ".dockerignore", "go.sum", "vendor/modules.txt"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero")); err != nil {
		t.Fatal(err)
	}
	done := make(chan *document.Context, 1)
	go func() { done <- NewFinder().facts(dir, dir, FoundByFlag, "-") }()
	select {
	case c := <-done:
		if c.GoMod != nil || c.GoSum || c.VendorModules || len(c.DockerignorePatterns) != 0 {
			t.Errorf("FIFOs taken for files: %+v", c)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("reading the context blocked on a FIFO")
	}
	if _, err := readFile(dir, "zero"); !errors.Is(err, safeio.ErrOutside) {
		t.Errorf("read a device through a symlink that leaves the context: %v", err)
	}
	if err := os.Symlink("/dev/null", filepath.Join(dir, "null")); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(dir, "null"); err == nil {
		t.Error("read a device")
	}
}

// TestUnreadableIgnoreFile: an ignore file that is there but cannot be read
// as a regular file is present, with the reason and no patterns (unknown,
// not empty), and the note says so; a missing one is absent.
func TestUnreadableIgnoreFile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string) // makes the ignore file
		own   bool                           // Dockerfile.dockerignore rather than .dockerignore
		want  string                         // in DockerignoreError
	}{
		{"FIFO", func(t *testing.T, dir string) { mkfifo(t, filepath.Join(dir, ".dockerignore")) }, false, "a named pipe"},
		{"directory", func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, ".dockerignore", "keep")) }, false, "a directory"},
		{"too large", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, ".dockerignore"), strings.Repeat("x\n", maxFileSize))
		}, false, "larger than the limit (1 MiB)"},
		{"link out of the context", func(t *testing.T, dir string) {
			outside := tree(t, map[string]string{"ignore": "secret-pattern\n"})
			symlink(t, filepath.Join(outside, "ignore"), filepath.Join(dir, ".dockerignore"))
		}, false, "outside the tree"},
		{"link to a device", func(t *testing.T, dir string) { symlink(t, "/dev/zero", filepath.Join(dir, ".dockerignore")) }, false, "outside the tree"},
		{"Dockerfile's own, a FIFO", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, ".dockerignore"), ".git\n")
			mkfifo(t, filepath.Join(dir, "Dockerfile.dockerignore"))
		}, true, "a named pipe"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, map[string]string{".git/": "", "go.mod": goModule, "go.sum": "", "Dockerfile": buildFromRoot})
			tc.setup(t, dir)
			df := filepath.Join(dir, "Dockerfile")
			done := make(chan struct{})
			var c *document.Context
			var note string
			go func() { defer close(done); c, note = find(t, NewFinder(), df, "") }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("reading the context blocked")
			}
			wantPath := filepath.Join(dir, ".dockerignore")
			if tc.own {
				wantPath = df + ".dockerignore"
			}
			if c == nil || c.Dockerignore != wantPath || !strings.Contains(c.DockerignoreError, tc.want) || len(c.DockerignorePatterns) != 0 {
				t.Fatalf("got %+v, want %s unreadable (%s)", c, wantPath, tc.want)
			}
			if !strings.Contains(note, wantPath+": "+c.DockerignoreError+"; ") {
				t.Errorf("note %q", note)
			}
			// go.mod and go.sum are still there: unknown patterns exclude nothing.
			if c.GoMod == nil || !c.GoSum {
				t.Errorf("context files lost: %+v", c)
			}
		})
	}
	// Missing, or a link to nothing: no ignore file, nothing to say.
	dir := tree(t, map[string]string{".git/": "", "go.mod": goModule, "go.sum": "", "Dockerfile": buildFromRoot})
	symlink(t, "nowhere", filepath.Join(dir, "Dockerfile.dockerignore"))
	c, note := find(t, NewFinder(), filepath.Join(dir, "Dockerfile"), "")
	if c == nil || c.Dockerignore != "" || c.DockerignoreError != "" || note != "" {
		t.Errorf("no ignore file: %+v, note %q", c, note)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func symlink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("symlinks: %v", err)
	}
}

func TestEachDirectoryIsReadOncePerFinder(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":            "",
		"go.mod":           goModule,
		"go.sum":           "",
		".dockerignore":    ".git\n",
		"build/Dockerfile": buildFromRoot,
	})
	f := NewFinder()
	path := filepath.Join(root, "build", "Dockerfile")
	first, _ := find(t, f, path, "")
	for _, p := range []string{".dockerignore", "go.sum", ".git"} {
		if err := os.RemoveAll(filepath.Join(root, p)); err != nil {
			t.Fatal(err)
		}
	}
	again, _ := find(t, f, path, "")
	if again == nil || again.Dockerignore == "" || !again.GoSum || again.Dir != first.Dir {
		t.Errorf("the second lookup read the directory again: %+v", again)
	}
	// A new Finder (the next run) sees the change: no .git, so only build/.
	if c, _ := find(t, NewFinder(), path, ""); c != nil {
		t.Errorf("new finder: %+v", c)
	}
}

func TestConcurrentFinds(t *testing.T) {
	root := tree(t, map[string]string{
		".git/": "", "go.mod": goModule, "go.sum": "", ".dockerignore": ".git\n",
		"a/Dockerfile": buildFromRoot, "b/Dockerfile": buildFromRoot,
	})
	f := NewFinder()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, _ := find(t, f, filepath.Join(root, string(rune('a'+i%2)), "Dockerfile"), "")
			if c == nil || c.Dir != root || !c.GoSum {
				t.Errorf("got %+v", c)
			}
		}()
	}
	wg.Wait()
}

func TestRelativePathsStayRelative(t *testing.T) {
	root := tree(t, map[string]string{
		".git/": "", "go.mod": goModule, "go.sum": "", ".dockerignore": ".git\n",
		"build/Dockerfile": buildFromRoot,
	})
	t.Chdir(filepath.Join(root, "build"))
	c, note := find(t, NewFinder(), "Dockerfile", "")
	if c == nil || c.Dir != ".." || c.Dockerignore != filepath.Join("..", ".dockerignore") || !strings.HasPrefix(note, "build context: .., ") {
		t.Errorf("got %+v, note %q", c, note)
	}
}

func TestAtLeast(t *testing.T) {
	for v, want := range map[string]bool{"1.14": true, "1.13": false, "1.21.3": true, "1.22rc1": true, "2.0": true, "": false, "go1.22": false} {
		if atLeast(v, 1, 14) != want {
			t.Errorf("atLeast(%q, 1, 14) = %v", v, !want)
		}
	}
}

// TestContextMatchesSchema: docs/input.schema.json describes the context
// facts as Find fills them.
func TestContextMatchesSchema(t *testing.T) {
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join("..", "..", "docs", "input.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	root := tree(t, map[string]string{
		".git/": "", "go.mod": goModule, "go.sum": "", ".dockerignore": ".git\n",
		"vendor/modules.txt": "", "build/Dockerfile": buildFromRoot,
		"bad/go.mod": "module\n", "bad/Dockerfile": buildFromRoot,
		"rep/go.mod": "module m\n\nrequire x v1.0.0\n\nreplace x => ./lib\n", "rep/lib/go.mod": "module x\n",
	})
	path := filepath.Join(root, "build", "Dockerfile")
	data, _ := os.ReadFile(path)
	pf, err := parse.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	f := NewFinder()
	for _, dir := range []string{"", root, filepath.Join(root, "bad"), filepath.Join(root, "rep"), t.TempDir()} {
		doc, err := document.Build(pf, document.Options{})
		if err != nil {
			t.Fatal(err)
		}
		doc.Context, _ = f.Find(path, dir, doc)
		raw, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("context %q: %v", dir, err)
		}
	}
}

func TestList(t *testing.T) {
	for n, want := range map[int]string{0: "", 2: "a, b", 3: "a, b, c", 5: "a, b, c and 2 more"} {
		if got := list([]string{"a", "b", "c", "d", "e"}[:n], 3); got != want {
			t.Errorf("list of %d: %q, want %q", n, got, want)
		}
	}
}

// A GoReleaser configuration builds the Dockerfiles its dockers and
// dockers_v2 entries name (Dockerfile when an entry names none), relative to
// its own directory, found from the Dockerfile's directory up to the
// repository root.
func TestGoreleaser(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":                    "",
		".goreleaser.yaml":         "version: 2\nbuilds:\n  - main: ./cmd/app\ndockers:\n  - image_templates: [\"example/app:{{ .Tag }}\"]\n    dockerfile: build/Dockerfile.release\n  - image_templates: [\"example/app:{{ .Tag }}-debug\"]\ndockers_v2:\n  - dockerfile: &df build/v2.Dockerfile\n",
		"Dockerfile":               "FROM scratch\nCOPY app /app\n",
		"build/Dockerfile.release": "FROM scratch\nCOPY app /app\n",
		"build/v2.Dockerfile":      "FROM scratch\nCOPY app /app\n",
		"build/Dockerfile":         "FROM scratch\nCOPY app /app\n",
		"other/.goreleaser.yml":    "dockers: {dockerfile: Dockerfile}\n",
		"other/Dockerfile":         "FROM scratch\n",
	})
	f := NewFinder()
	for _, tc := range []struct{ file, want string }{
		{"build/Dockerfile.release", ".goreleaser.yaml"},
		{"build/v2.Dockerfile", ".goreleaser.yaml"},
		{"Dockerfile", ".goreleaser.yaml"},
		{"build/Dockerfile", ""},
		{"other/Dockerfile", ""}, // dockers is not a list there
		{"-", ""},
	} {
		file := tc.file
		if file != "-" {
			file = filepath.Join(root, tc.file)
		}
		got := f.Goreleaser(file)
		if tc.want != "" {
			tc.want = filepath.Join(root, tc.want)
		}
		if got != tc.want {
			t.Errorf("Goreleaser(%s) = %q, want %q", tc.file, got, tc.want)
		}
	}
	if got := goreleaserDockerfiles([]byte("dockers: [\n")); got != nil {
		t.Errorf("broken YAML: %v", got)
	}
}
