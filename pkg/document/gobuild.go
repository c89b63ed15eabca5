package document

import (
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/gocmd"
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// build works out what a go build or go install makes: what kind of build
// it is, where the binary goes, whether cgo is on and what it links.
func (st *stageState) build(g *GoCommand, inv, goflags gocmd.Invocation, in *Instruction, unknown map[string]bool) *GoBuild {
	b := &GoBuild{Kind: "binary", ShippedTo: []int{}, Platform: "target"}
	pkgs := g.Packages
	b.Remote = len(pkgs) > 0 && !unknown["packages"]
	for _, p := range pkgs {
		b.Remote = b.Remote && strings.Contains(p, "@")
	}
	if debugFlags(inv, goflags) {
		b.Kind = "debug"
	}
	if slices.Contains(pkgs, "std") || slices.Contains(pkgs, "cmd") {
		b.Kind = "std"
	}
	out, hasOut := inv.Last("o")
	if g.Subcommand == "build" {
		switch {
		case hasOut && (out.Value == "/dev/null"):
			b.Kind = "check"
		case !hasOut && (len(pkgs) > 1 || slices.ContainsFunc(pkgs, func(p string) bool { return strings.Contains(p, "...") })):
			// go build discards the results of several packages.
			b.Kind = "check"
		}
	}
	if !unknown["output"] && !unknown["packages"] {
		b.Output, b.OutputDir = st.output(g, inv, out, hasOut, in)
	}
	st.cgo(g, b, unknown)
	b.Static = static(g, b, unknown)
	b.Race = boolFlag(inv, goflags, "race")
	if f, ok := inv.Last("buildvcs"); ok {
		b.NoVCS = f.Value == "false"
	} else if f, ok := goflags.Last("buildvcs"); ok {
		b.NoVCS = f.Value == "false"
	}
	if st.image != nil {
		b.Libc = st.image.String("libc")
	}
	if strings.Contains(st.stage().From.Platform, "BUILDPLATFORM") || st.platformFromParent() {
		if g.GOARCH == nil {
			b.Platform = "build"
		}
	}
	return b
}

// platformFromParent: the stage rests on a stage that runs on the build
// machine.
func (st *stageState) platformFromParent() bool {
	s := st.stage()
	root := st.b.doc.Stages[s.Root]
	if s.From.Stage != nil {
		root = st.b.doc.Stages[st.b.doc.Stages[*s.From.Stage].Root]
	}
	return strings.Contains(root.From.Platform, "BUILDPLATFORM")
}

func debugFlags(inv, goflags gocmd.Invocation) bool {
	f, ok := inv.Last("gcflags")
	if !ok {
		f, ok = goflags.Last("gcflags")
	}
	if !ok {
		return false
	}
	for _, w := range strings.Fields(f.Value) {
		_, w, _ = strings.Cut(w, "=")
		if w == "-N" || w == "-l" || strings.HasPrefix(w, "-N") {
			return true
		}
	}
	return false
}

// output is the binary's path, or the directory it goes into when its name
// is not known.
func (st *stageState) output(g *GoCommand, inv gocmd.Invocation, out gocmd.Flag, hasOut bool, in *Instruction) (string, bool) {
	abs := func(p string) string {
		if path.IsAbs(p) {
			return path.Clean(p)
		}
		if in.Workdir == "" {
			return ""
		}
		return path.Join(in.Workdir, p)
	}
	name := binaryName(g.Packages)
	if g.Subcommand == "build" {
		if hasOut {
			p := abs(out.Value)
			if p == "" {
				return "", false
			}
			return p, strings.HasSuffix(out.Value, "/") || len(g.Packages) > 1
		}
		if in.Workdir == "" {
			return "", false
		}
		if name != "" {
			return path.Join(in.Workdir, name), false
		}
		return in.Workdir, true
	}
	// go install: $GOBIN, else $GOPATH/bin (/go in the golang images).
	dir := g.Env["GOBIN"]
	if dir == "" {
		gopath := g.Env["GOPATH"]
		if gopath == "" {
			if v, ok := st.vars.lookup("GOPATH"); ok && v != nil {
				gopath = *v
			} else if st.image != nil {
				if tc, _ := st.image.Bool("go_toolchain"); tc {
					gopath = "/go"
				}
			}
		}
		if gopath == "" || strings.Contains(gopath, "$") {
			return "", false
		}
		dir = path.Join(strings.Split(gopath, ":")[0], "bin")
	}
	if strings.Contains(dir, "$") {
		return "", false
	}
	if g.GOOS != nil || g.GOARCH != nil {
		// Cross-compiled: $GOPATH/bin/GOOS_GOARCH/ when they differ from the host.
		return dir, true
	}
	if name != "" && len(g.Packages) == 1 {
		return path.Join(dir, name), false
	}
	return dir, true
}

// binaryName is the name go build/install gives the binary of one package
// path: github.com/x/tool/cmd/tool@v1 -> tool, github.com/x/tool/v2 -> tool;
// "" for "." and the like (the module's name, which is not known here).
func binaryName(pkgs []string) string {
	if len(pkgs) != 1 {
		return ""
	}
	p, _, _ := strings.Cut(pkgs[0], "@")
	p = strings.TrimSuffix(p, "/")
	if p == "" || p == "." || strings.HasSuffix(p, ".go") || strings.Contains(p, "...") || strings.Contains(p, "$") {
		return ""
	}
	elems := strings.Split(p, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	if name == "." || name == ".." {
		return ""
	}
	return name
}

// cCompilers are the packages that put a C compiler in an image.
var cCompilers = map[string]bool{"gcc": true, "build-base": true, "build-essential": true, "clang": true, "musl-gcc": true, "gcc-c++": true, "g++": true}

// cgo works out whether cgo is on: CGO_ENABLED if set, else on exactly when
// the builder has a C compiler (Go turns cgo off without one) and does not
// cross-compile.
func (st *stageState) cgo(g *GoCommand, b *GoBuild, unknown map[string]bool) {
	t, f := true, false
	if unknown["cgo_enabled"] {
		return
	}
	if g.CGOEnabled != nil {
		switch *g.CGOEnabled {
		case "0":
			b.CGO, b.CGOReason = &f, "CGO_ENABLED=0"
		case "1":
			b.CGO, b.CGOReason = &t, "CGO_ENABLED=1"
		}
		return
	}
	if g.GOOS != nil || g.GOARCH != nil {
		// Cross-compiling turns cgo off, building for the host does not:
		// which one it is depends on the build.
		return
	}
	compiler, known := false, false
	if st.image != nil {
		compiler, known = st.image.Bool("c_compiler")
	}
	if _, ok := g.Env["CC"]; ok || st.installed(cCompilers) {
		compiler, known = true, true
	}
	if !known {
		return
	}
	name := "the builder image"
	if st.image != nil {
		name = st.stage().From.Image
		if s := st.b.doc.Stages[st.stage().Root]; s.From.Image != "" {
			name = s.From.Image
		}
	}
	if compiler {
		b.CGO, b.CGOReason = &t, "no CGO_ENABLED, and "+name+" has a C compiler: cgo is on by default"
	} else {
		b.CGO, b.CGOReason = &f, "no C compiler in "+name+": Go turns cgo off by itself"
	}
}

// installed reports whether the stage's chain installed a C compiler so far.
func (st *stageState) installed(_ map[string]bool) bool {
	return st.compiler
}

// static: the binary needs no C library at run time.
func static(g *GoCommand, b *GoBuild, unknown map[string]bool) *bool {
	t, f := true, false
	if b.CGO != nil && !*b.CGO {
		return &t
	}
	if unknown["ldflags"] || unknown["tags"] {
		return nil
	}
	if g.Ldflags != nil {
		for i, fl := range g.Ldflags.Flags {
			if strings.Contains(fl, "-extldflags") {
				rest := strings.Join(g.Ldflags.Flags[i:], " ")
				if strings.Contains(rest, "-static") {
					return &t
				}
			}
		}
	}
	if slices.Contains(g.Tags, "netgo") && slices.Contains(g.Tags, "osusergo") {
		// Static unless the program uses other cgo packages.
		return nil
	}
	if b.CGO == nil {
		return nil
	}
	return &f
}

var tagVersionRe = lazyre.New(`^([0-9]+)\.([0-9]+)(\.[0-9]+)?`)

// tagVersion is the release an image tag starts with: "1.21-alpine" ->
// 1, 21, "1.21"; nil when it starts with none. A number too large for an
// int is the largest int (it still compares as larger than any other).
func tagVersion(tag string) *TagVersion {
	m := tagVersionRe().FindStringSubmatch(tag)
	if m == nil {
		return nil
	}
	return &TagVersion{Major: atoiSaturating(m[1]), Minor: atoiSaturating(m[2]), Text: m[0]}
}

func atoiSaturating(digits string) int {
	n, err := strconv.Atoi(digits)
	if err != nil {
		return math.MaxInt
	}
	return n
}

var goTagRe = lazyre.New(`^[0-9]+\.[0-9]+(\.[0-9]+)?((rc|beta)[0-9]+)?`)

// goVersion is the Go release of a stage's golang image, from its tag; a
// stage built on another one has that one's.
func (b *builder) goVersion(from From, image imagefacts.Facts) string {
	if from.Stage != nil {
		return b.doc.Stages[*from.Stage].GoVersion
	}
	golang := from.Name == "golang" || strings.HasSuffix(from.Name, "/golang")
	if !golang && image != nil {
		golang = strings.HasPrefix(image.String("id"), "golang")
	}
	if !golang || len(from.Unresolved) > 0 {
		return ""
	}
	if v := goTagRe().FindString(from.Tag); v != "" {
		return v
	}
	if from.Tag == "" || !strings.ContainsAny(from.Tag[:1], "0123456789") {
		// golang, golang:alpine, golang:bookworm: the newest release.
		return "latest"
	}
	return ""
}

// boolFlag: the boolean build flag name is on, on the command line or
// else in GOFLAGS.
func boolFlag(inv, goflags gocmd.Invocation, name string) bool {
	if _, ok := inv.Last(name); ok {
		return inv.Bool(name)
	}
	return goflags.Bool(name)
}
