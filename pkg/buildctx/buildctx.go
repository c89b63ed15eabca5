// Package buildctx finds the build context of a Dockerfile and reads from it
// the facts the rules need: the .dockerignore that applies, go.mod, go.sum
// and vendor/modules.txt; and whether a GoReleaser configuration builds the
// Dockerfile.
//
// The context is --context when given. Otherwise it is the nearest directory,
// from the Dockerfile's own up to the repository root (the directory holding
// .git), where the files the Dockerfile copies from the context exist: many
// projects build with `docker build -f build/Dockerfile .` from the root. When
// no directory fits, the context is unknown (nil) and the rules that depend on
// it say nothing. Nothing above the repository root is read; without a
// repository, only the Dockerfile's directory is a candidate.
//
// A Finder caches what it learns about each directory, so a run over many
// Dockerfiles stats and reads each directory's files once.
//
// Not public API: a step of pkg/lint, free to change.
package buildctx

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"golang.org/x/mod/modfile"

	"github.com/golint-docker/golint-docker/pkg/document"
)

// Where a context came from (document.Context.FoundBy).
const (
	FoundByFlag       = "flag"
	FoundBySources    = "sources"
	FoundByDockerfile = "dockerfile_dir"
)

// maxSources bounds the COPY sources looked for in each candidate directory.
const maxSources = 64

// maxDepth bounds how far above the Dockerfile the repository root is looked
// for.
const maxDepth = 64

// maxCached bounds the number of paths whose existence a Finder remembers.
const maxCached = 1 << 16

// Finder finds build contexts. It is safe for concurrent use; its caches
// live as long as it does (one run), so a file changed meanwhile is not seen.
type Finder struct {
	cwd string

	mu      sync.Mutex
	repo    map[string]bool         // directory -> holds .git
	dirs    map[string]*dirFacts    // context directory -> its files
	ignores map[string]*ignoreFacts // ignore file -> its patterns
	exists  map[string]bool         // directory + "\x00" + path -> exists
}

// NewFinder returns a Finder with empty caches.
func NewFinder() *Finder {
	cwd, _ := os.Getwd()
	return &Finder{
		cwd:     cwd,
		repo:    map[string]bool{},
		dirs:    map[string]*dirFacts{},
		ignores: map[string]*ignoreFacts{},
		exists:  map[string]bool{},
	}
}

// Find returns the build context of the Dockerfile at dockerfile, whose
// document is doc: contextDir when it is not "", else the directory found
// from doc's COPY and ADD sources. It returns nil when the context is
// unknown (a Dockerfile on stdin, "-", without contextDir, or no directory
// fits). note says which context was found when it is not the Dockerfile's
// directory, "" otherwise.
func (f *Finder) Find(dockerfile, contextDir string, doc *document.Document) (c *document.Context, note string) {
	return f.FindFrom(dockerfile, contextDir, EvidenceOf(doc))
}

// Evidence is what the search for a context goes by: the paths, relative
// to the context, that the Dockerfile copies from it (COPY and ADD without
// --from, with every variable known, not the whole context), and Soft:
// "go.mod" when the whole context is copied into a stage that then runs go
// on the local module, which needs one (GOPATH-era builds do not, hence
// soft: one vote among the others). A result cache keeps it, so that a file
// it has seen need not be parsed to find its context.
type Evidence struct {
	Sources []string `json:"sources,omitempty"`
	Soft    string   `json:"soft,omitempty"`
}

// FindFrom is Find given the document's evidence.
func (f *Finder) FindFrom(dockerfile, contextDir string, ev Evidence) (c *document.Context, note string) {
	c, note = f.find(dockerfile, contextDir, ev)
	if c != nil && c.DockerignoreError != "" {
		note = join(note, fmt.Sprintf("%s: %s; the checks that depend on what it excludes say nothing", c.Dockerignore, c.DockerignoreError))
	}
	return c, note
}

// join joins two notes, either of which may be "".
func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func (f *Finder) find(dockerfile, contextDir string, ev Evidence) (c *document.Context, note string) {
	if contextDir != "" {
		abs, err := filepath.Abs(contextDir)
		if err != nil {
			return nil, ""
		}
		return f.facts(abs, contextDir, FoundByFlag, dockerfile), ""
	}
	if dockerfile == "-" || dockerfile == "" {
		return nil, ""
	}
	absFile, err := filepath.Abs(dockerfile)
	if err != nil {
		return nil, ""
	}
	dir := filepath.Dir(absFile)
	cands := f.candidates(dir)
	sources, soft := ev.Sources, ev.Soft
	total := len(sources)
	if soft != "" {
		total++
	}
	if total == 0 {
		// Nothing tells the directories apart: the Dockerfile's own is the
		// context only when it is the repository root, the one candidate.
		if len(cands) != 1 || !f.isRepo(dir) {
			return nil, ""
		}
		return f.facts(dir, f.display(dockerfile, dir), FoundByDockerfile, dockerfile), ""
	}
	best, bestFound := "", 0
	var bestSeen []string
	for _, d := range cands {
		found, seen := 0, []string(nil)
		for _, s := range sources {
			if f.exist(d, s) {
				found++
				seen = append(seen, s)
			}
		}
		if soft != "" && f.exist(d, soft) {
			found++
			seen = append(seen, soft)
		}
		if found > bestFound {
			best, bestFound, bestSeen = d, found, seen
		}
		if found == total {
			break
		}
	}
	// Most of what the Dockerfile copies must be there; files made by an
	// earlier build step (bin/app) may be missing.
	if best == "" || bestFound*2 <= total {
		return nil, ""
	}
	shown := f.display(dockerfile, best)
	c = f.facts(best, shown, FoundBySources, dockerfile)
	if best != dir {
		note = fmt.Sprintf("build context: %s, the nearest directory holding what the Dockerfile copies (%s); --context sets another", shown, list(bestSeen, 3))
	}
	return c, note
}

// list joins the first n of names, and says how many more there are.
func list(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// display shows dir as the user would: relative to the working directory
// when the Dockerfile's path was relative.
func (f *Finder) display(dockerfile, dir string) string {
	if filepath.IsAbs(dockerfile) || f.cwd == "" {
		return dir
	}
	if rel, err := filepath.Rel(f.cwd, dir); err == nil {
		return rel
	}
	return dir
}

// candidates lists dir and its parents up to the repository root, nearest
// first; only dir when there is no repository.
func (f *Finder) candidates(dir string) []string {
	var out []string
	for d, n := dir, 0; n < maxDepth; n++ {
		out = append(out, d)
		if f.isRepo(d) {
			return out
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return out[:1]
}

// isRepo reports whether dir holds .git (a directory, or the file of a
// worktree or submodule).
func (f *Finder) isRepo(dir string) bool {
	f.mu.Lock()
	v, ok := f.repo[dir]
	f.mu.Unlock()
	if ok {
		return v
	}
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	v = err == nil
	f.mu.Lock()
	f.repo[dir] = v
	f.mu.Unlock()
	return v
}

// exist reports whether the slash-separated path p (a glob pattern or a
// plain path) names something inside dir, without following a symlink out
// of it.
func (f *Finder) exist(dir, p string) bool {
	key := dir + "\x00" + p
	f.mu.Lock()
	v, ok := f.exists[key]
	f.mu.Unlock()
	if ok {
		return v
	}
	v = exists(dir, p)
	f.mu.Lock()
	if len(f.exists) < maxCached {
		f.exists[key] = v
	}
	f.mu.Unlock()
	return v
}

func exists(dir, p string) bool {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return false
	}
	defer root.Close()
	if strings.ContainsAny(p, "*?[") {
		m, err := fs.Glob(root.FS(), p)
		return err == nil && len(m) > 0
	}
	_, err = root.Stat(p)
	return err == nil
}

// EvidenceOf reads the Evidence of a document.
func EvidenceOf(doc *document.Document) Evidence {
	if doc == nil {
		return Evidence{}
	}
	var sources []string
	whole, goModule := false, false
	seen := map[string]bool{}
	for _, s := range doc.Stages {
		for _, in := range s.Instructions {
			if in.Run != nil && needsModule(in.Run.Go) {
				goModule = true
			}
			if in.Copy == nil || in.Copy.From != "" {
				continue
			}
			raw := rawSources(in)
			for k, src := range in.Copy.Sources {
				if raw == nil || strings.Contains(raw[k], "$") {
					continue
				}
				p, ok := contextPath(src)
				if !ok {
					continue
				}
				if p == "" {
					whole = true
					continue
				}
				if !seen[p] && len(sources) < maxSources {
					seen[p] = true
					sources = append(sources, p)
				}
			}
		}
	}
	ev := Evidence{Sources: sources}
	if whole && goModule && !seen["go.mod"] {
		ev.Soft = "go.mod"
	}
	return ev
}

// rawSources are the sources of a COPY or ADD as written, aligned with
// Copy.Sources; nil when they cannot be told apart from the other words.
func rawSources(in document.Instruction) []string {
	n := len(in.Copy.Sources)
	if len(in.Copy.Heredocs) > 0 || len(in.Args) != n+1 {
		if strings.Contains(in.Original, "$") {
			return nil
		}
		return in.Copy.Sources
	}
	return in.Args[:n]
}

// contextPath turns a COPY source into a path inside the context ("" for the
// whole context); ok is false for what is not a local path (a URL, a Windows
// path) or not worth looking for (a `**` pattern).
func contextPath(src string) (p string, ok bool) {
	if src == "" || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") ||
		strings.Contains(src, `\`) || strings.Contains(src, "**") {
		return "", false
	}
	// BuildKit resolves every source inside the context, ../ included.
	p = strings.TrimPrefix(path.Clean("/"+src), "/")
	if p == "*" {
		p = ""
	}
	if p != "" && !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

// modCommands are the go subcommands that need the local module's go.mod.
var modCommands = []string{"build", "install", "test", "vet", "run", "generate", "list",
	"mod download", "mod tidy", "mod vendor", "mod verify", "mod graph"}

func needsModule(cmds []document.GoCommand) bool {
	for _, g := range cmds {
		if !slices.Contains(modCommands, g.Subcommand) {
			continue
		}
		remote := len(g.Packages) > 0
		for _, p := range g.Packages {
			remote = remote && strings.Contains(p, "@")
		}
		if !remote {
			return true
		}
	}
	return false
}

// dirFacts are the files of a context directory, read once.
type dirFacts struct {
	once          sync.Once
	ignore        *ignoreFacts // .dockerignore; nil when there is none
	goMod         *document.GoMod
	goSum         bool
	vendorModules bool
	// goreleaser is the GoReleaser configuration there ("" when none),
	// goreleaserDockerfiles the Dockerfiles it builds.
	goreleaser            string
	goreleaserDockerfiles []string
}

// ignoreFacts is one ignore file, read once.
type ignoreFacts struct {
	once     sync.Once
	present  bool
	err      string // why a present file could not be read; its patterns are then unknown
	patterns []string
	matcher  *patternmatcher.PatternMatcher
	// matching guards matcher: a pattern compiles its expression on its
	// first match, which is not safe for concurrent use.
	matching sync.Mutex
}

// facts reads the context directory abs, shown as dir, and applies the
// ignore file that the Dockerfile at dockerfile sees there.
func (f *Finder) facts(abs, dir, foundBy, dockerfile string) *document.Context {
	df := f.dir(abs)
	c := &document.Context{Dir: dir, FoundBy: foundBy, DockerignorePatterns: []string{}}
	ign, ignPath := df.ignore, filepath.Join(dir, ".dockerignore")
	// BuildKit prefers <Dockerfile>.dockerignore, beside the Dockerfile.
	if dockerfile != "-" && dockerfile != "" {
		if own := f.ignoreFile(filepath.Dir(dockerfile), filepath.Base(dockerfile)+".dockerignore"); own.present {
			ign, ignPath = own, dockerfile+".dockerignore"
		}
	}
	if ign == nil || !ign.present {
		ign = nil
	} else {
		c.Dockerignore = ignPath
		c.DockerignoreError = ign.err
		c.DockerignorePatterns = slices.Clone(ign.patterns)
	}
	sent := func(p string) bool { return ign == nil || !ign.excludes(p) }
	if df.goMod != nil && sent("go.mod") {
		m := *df.goMod
		m.LocalReplaces = slices.Clone(m.LocalReplaces)
		for k, r := range m.LocalReplaces {
			m.LocalReplaces[k].GoMod = r.GoMod && sent(replacedGoMod(r))
		}
		c.GoMod = &m
	}
	c.GoSum = df.goSum && sent("go.sum")
	c.VendorModules = df.vendorModules && sent("vendor/modules.txt")
	c.Vendored = c.VendorModules && c.GoMod != nil && c.GoMod.Error == "" && atLeast(c.GoMod.Go, 1, 14)
	return c
}

func (f *Finder) dir(abs string) *dirFacts {
	df := entry(&f.mu, f.dirs, abs)
	df.once.Do(func() { df.read(f, abs) })
	return df
}

// entry returns m[key], made empty first if it is not there, under mu.
func entry[T any](mu *sync.Mutex, m map[string]*T, key string) *T {
	mu.Lock()
	defer mu.Unlock()
	e, ok := m[key]
	if !ok {
		e = new(T)
		m[key] = e
	}
	return e
}

func (df *dirFacts) read(f *Finder, abs string) {
	if ign := f.ignoreFile(abs, ".dockerignore"); ign.present {
		df.ignore = ign
	}
	if data, err := readFile(abs, "go.mod"); err == nil {
		df.goMod = parseGoMod(data)
		for k, r := range df.goMod.LocalReplaces {
			df.goMod.LocalReplaces[k].GoMod = r.Path != "" && isRegular(abs, replacedGoMod(r))
		}
	}
	df.goSum = isRegular(abs, "go.sum")
	df.vendorModules = isRegular(abs, "vendor/modules.txt")
	df.goreleaser, df.goreleaserDockerfiles = readGoreleaser(abs)
}

// ignoreFile reads the ignore file name in dir once per Finder.
func (f *Finder) ignoreFile(dir, name string) *ignoreFacts {
	key := filepath.Join(dir, name)
	if abs, err := filepath.Abs(key); err == nil {
		key = abs
	}
	ig := entry(&f.mu, f.ignores, key)
	ig.once.Do(func() { ig.read(dir, name) })
	return ig
}

func (ig *ignoreFacts) read(dir, name string) {
	data, err := readFile(dir, name)
	if err != nil {
		// Present but unreadable (a FIFO, a device, a directory, too large,
		// a link out of the context): an ignore file is there, its patterns
		// are unknown, and what the build makes of it depends on the
		// builder. The rules that need it say nothing.
		if !absent(err) {
			ig.present, ig.err = true, err.Error()
		}
		return
	}
	ig.present = true
	patterns, err := ignorefile.ReadAll(bytes.NewReader(data))
	if err != nil {
		ig.err = err.Error()
		return
	}
	ig.patterns = patterns
	if m, err := patternmatcher.New(patterns); err == nil {
		ig.matcher = m
	}
}

// excludes reports whether the ignore file keeps p (a path in the context)
// out of the build.
func (ig *ignoreFacts) excludes(p string) bool {
	if ig.matcher == nil {
		return false
	}
	ig.matching.Lock()
	defer ig.matching.Unlock()
	ok, err := ig.matcher.MatchesOrParentMatches(p)
	return err == nil && ok
}

// replacedGoMod is the go.mod of the directory of r, in the context.
func replacedGoMod(r document.LocalReplace) string {
	return path.Join(r.Path, "go.mod")
}

func parseGoMod(data []byte) *document.GoMod {
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		// A directive of a newer Go: the lax parser skips what it does not
		// know (and the toolchain line).
		var lerr error
		if mf, lerr = modfile.ParseLax("go.mod", data, nil); lerr != nil {
			return &document.GoMod{Error: err.Error(), LocalReplaces: []document.LocalReplace{}}
		}
	}
	m := &document.GoMod{HasRequires: len(mf.Require) > 0, LocalReplaces: []document.LocalReplace{}}
	for _, r := range mf.Require {
		if !replacedLocally(mf, r.Mod.Path, r.Mod.Version) {
			m.RemoteRequires = true
			break
		}
	}
	for _, r := range mf.Replace {
		if r.New.Version == "" {
			m.LocalReplaces = append(m.LocalReplaces, document.LocalReplace{
				Module: r.Old.Path, Dir: r.New.Path, Path: insidePath(r.New.Path),
			})
		}
	}
	if mf.Module != nil {
		m.Module = mf.Module.Mod.Path
	}
	if mf.Go != nil {
		m.Go = mf.Go.Version
	}
	if mf.Toolchain != nil {
		m.Toolchain = mf.Toolchain.Name
	}
	return m
}

// insidePath turns the directory dir of a replace directive, relative to
// go.mod at the context's root, into a path inside the context; "" when it
// is not inside (absolute, above the root) or not a path a Linux build
// reads as written (backslashes).
func insidePath(dir string) string {
	if dir == "" || strings.HasPrefix(dir, "/") || strings.Contains(dir, `\`) || filepath.IsAbs(dir) {
		return ""
	}
	p := path.Clean(dir)
	if p == ".." || strings.HasPrefix(p, "../") || !fs.ValidPath(p) {
		return ""
	}
	return p
}

// replacedLocally reports whether go.mod replaces the module path at
// version by a directory (a replacement without a version).
func replacedLocally(mf *modfile.File, path, version string) bool {
	for _, r := range mf.Replace {
		if r.Old.Path == path && (r.Old.Version == "" || r.Old.Version == version) && r.New.Version == "" {
			return true
		}
	}
	return false
}

// atLeast reports whether the Go version v ("1.21", "1.21.3", "1.22rc1") is
// at least major.minor.
func atLeast(v string, major, minor int) bool {
	var ma, mi int
	if _, err := fmt.Sscanf(v, "%d.%d", &ma, &mi); err != nil {
		return false
	}
	return ma > major || (ma == major && mi >= minor)
}
