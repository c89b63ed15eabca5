// Package initgen writes a Dockerfile and a .dockerignore for a Go module
// that follow every practice golint-docker checks: what `golint-docker
// init` does. It reads go.mod with golang.org/x/mod and finds the main
// packages with go/build, so build constraints and test files count as the
// go command counts them.
//
// It is public API: a Go program (a project generator) can produce the same
// files.
package initgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"
	"mvdan.cc/sh/v3/shell"

	"github.com/golint-docker/golint-docker/policies"
)

// Bases are the final images init can write, the default first.
var Bases = []string{"distroless", "scratch", "alpine"}

// Images init writes: each final base, the builder's repository.
const (
	DistrolessImage = "gcr.io/distroless/static-debian12:nonroot"
	AlpineImage     = "alpine:3.22"
	golangImage     = "golang"
)

// Options say what to generate.
type Options struct {
	// Dir holds go.mod; it is the build context.
	Dir string
	// Main is the main package to build (./cmd/api); "" when the module
	// has only one.
	Main string
	// Base is the final image: distroless (default), scratch or alpine.
	Base string
	// Port the service listens on (0: 8080).
	Port int
	// HealthcheckCmd is the command that checks the service from inside
	// the container: a command line starting with an absolute path, or
	// arguments to the service's own binary ("-healthcheck"). "" writes
	// HEALTHCHECK NONE with the reason.
	HealthcheckCmd string
	// Supported are the Go versions golang images are published for
	// (newest first); nil reads golint-docker's own list.
	Supported []string
}

// Module is what init learnt about the module.
type Module struct {
	Path      string   // module path
	GoVersion string   // the go directive: 1.26 or 1.26.3
	Mains     []string // main packages, as ./cmd/api ("." for the root)
	HasSum    bool     // go.sum exists
	Vendored  bool     // vendor/modules.txt exists: the build uses it
}

// Files are the generated files.
type Files struct {
	Dockerfile, Dockerignore []byte
	// Notes say what the user should check (a Go version moved up to a
	// supported one).
	Notes []string
}

// Generate reads the module in o.Dir and returns its files.
func Generate(o Options) (Files, error) {
	if o.Base == "" {
		o.Base = Bases[0]
	}
	if !slices.Contains(Bases, o.Base) {
		return Files{}, fmt.Errorf("--base %q: want %s", o.Base, strings.Join(Bases, ", "))
	}
	if o.Port == 0 {
		o.Port = 8080
	}
	if o.Port < 1 || o.Port > 65535 {
		return Files{}, fmt.Errorf("--port %d: want 1 to 65535", o.Port)
	}
	m, err := ReadModule(o.Dir)
	if err != nil {
		return Files{}, err
	}
	main, err := chooseMain(m, o.Main)
	if err != nil {
		return Files{}, err
	}
	supported := o.Supported
	if supported == nil {
		if supported, err = SupportedGo(); err != nil {
			return Files{}, err
		}
	}
	goTag, note := goImageTag(m.GoVersion, supported)
	var out Files
	if note != "" {
		out.Notes = append(out.Notes, note)
	}
	health, err := healthcheck(o, binaryPath(o.Base, binaryName(m, main)))
	if err != nil {
		return Files{}, err
	}
	out.Dockerfile = dockerfile(m, main, goTag, o, health)
	out.Dockerignore = dockerignore(m)
	return out, nil
}

// ReadModule reads dir/go.mod and finds the module's main packages.
func ReadModule(dir string) (*Module, error) {
	gomod := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no go.mod: init writes a Dockerfile for a Go module (go mod init creates one)", dir)
		}
		return nil, err
	}
	f, err := modfile.ParseLax(gomod, data, nil)
	if err != nil {
		return nil, err
	}
	if f.Module == nil {
		return nil, fmt.Errorf("%s: no module directive", gomod)
	}
	m := &Module{Path: f.Module.Mod.Path, GoVersion: "1.21"}
	if f.Go != nil {
		m.GoVersion = f.Go.Version
	}
	m.HasSum = exists(filepath.Join(dir, "go.sum"))
	m.Vendored = exists(filepath.Join(dir, "vendor", "modules.txt"))
	if m.Mains, err = mainPackages(dir); err != nil {
		return nil, err
	}
	if len(m.Mains) == 0 {
		return nil, fmt.Errorf("%s: no main package in the module: nothing to run in a container", dir)
	}
	return m, nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func chooseMain(m *Module, want string) (string, error) {
	if want != "" {
		clean := "./" + filepath.ToSlash(filepath.Clean(strings.TrimPrefix(want, "./")))
		if clean == "./." {
			clean = "."
		}
		if slices.Contains(m.Mains, clean) {
			return clean, nil
		}
		return "", fmt.Errorf("--main %s: not a main package of %s (main packages: %s)", want, m.Path, strings.Join(m.Mains, ", "))
	}
	if len(m.Mains) > 1 {
		return "", fmt.Errorf("%s has %d main packages (%s): choose one with --main", m.Path, len(m.Mains), strings.Join(m.Mains, ", "))
	}
	return m.Mains[0], nil
}

// SupportedGo reads the Go versions golint-docker knows are supported
// (policies/golintdocker/go/data.json), newest first.
func SupportedGo() ([]string, error) {
	raw, err := policies.FS.ReadFile("golintdocker/go/data.json")
	if err != nil {
		return nil, err
	}
	var d struct {
		Supported []string `json:"supported"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("golintdocker/go/data.json: %w", err)
	}
	if len(d.Supported) == 0 {
		return nil, errors.New("golintdocker/go/data.json lists no supported Go version")
	}
	return d.Supported, nil
}

// goImageTag is the golang image tag for the module's go directive: its
// major.minor when supported; else the oldest supported release after it
// (with a note: go.mod asks for an unsupported Go), or, for a release newer
// than the list knows, its own (with a note to check it is published).
func goImageTag(version string, supported []string) (string, string) {
	minor := majorMinor(version)
	if slices.Contains(supported, minor) {
		return minor, ""
	}
	sorted := slices.Clone(supported)
	slices.SortFunc(sorted, func(a, b string) int { return semver.Compare("v"+a, "v"+b) })
	for _, s := range sorted {
		if semver.Compare("v"+s, "v"+minor) > 0 {
			return s, fmt.Sprintf("go.mod says go %s, which is past end of support: the builder is golang:%s (Go keeps old code building; update go.mod too)", version, s)
		}
	}
	return minor, fmt.Sprintf("go.mod says go %s, newer than the releases golint-docker knows (%s): check that golang:%s is published", version, strings.Join(supported, ", "), minor)
}

func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) >= 2 {
		return parts[0] + "." + strings.TrimRightFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' })
	}
	return v
}

// binaryName is the name of the built program: its directory's, or the
// module path's last element for the root package.
func binaryName(m *Module, main string) string {
	if main != "." {
		return filepath.Base(main)
	}
	name := m.Path[strings.LastIndex(m.Path, "/")+1:]
	if semver.IsValid(name) && strings.Contains(m.Path, "/") {
		// example.com/svc/v2: the name is svc.
		rest := strings.TrimSuffix(m.Path, "/"+name)
		name = rest[strings.LastIndex(rest, "/")+1:]
	}
	return name
}

// binaryPath is where the program goes in the final image.
func binaryPath(base, name string) string {
	if base == "alpine" {
		return "/usr/local/bin/" + name
	}
	return "/" + name
}

// healthcheck is the HEALTHCHECK instruction with a comment above it.
func healthcheck(o Options, binary string) (string, error) {
	if o.HealthcheckCmd == "" {
		why := map[string]string{
			"distroless": "a distroless image has no shell, curl or wget, so only the\n# program can check itself.",
			"scratch":    "a scratch image holds nothing but the program, so only the\n# program can check itself.",
			"alpine":     "only the program knows which address says it is healthy.",
		}[o.Base]
		return "# No HEALTHCHECK: " + why + "\n" +
			"# Give the program a health subcommand or flag and run golint-docker init\n" +
			"# --healthcheck-cmd \"-healthcheck\" --force, or keep this when an\n" +
			"# orchestrator probes the service (Kubernetes ignores HEALTHCHECK).\n" +
			"HEALTHCHECK NONE\n", nil
	}
	words, err := shell.Fields(o.HealthcheckCmd, func(string) string { return "" })
	if err != nil || len(words) == 0 {
		return "", fmt.Errorf("--healthcheck-cmd %q: want a command line, such as \"-healthcheck\" or \"%s health\"", o.HealthcheckCmd, binary)
	}
	if !strings.HasPrefix(words[0], "/") {
		words = append([]string{binary}, words...)
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = strconv.Quote(w)
	}
	return fmt.Sprintf("HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \\\n    CMD [%s]\n", strings.Join(quoted, ", ")), nil
}

func dockerfile(m *Module, main, goTag string, o Options, health string) []byte {
	name := binaryName(m, main)
	bin := binaryPath(o.Base, name)
	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# syntax=docker/dockerfile:1\n")
	w("# Written by golint-docker init for %s (%s).\n\n", m.Path, main)
	w("FROM --platform=$BUILDPLATFORM %s:%s AS build\n", golangImage, goTag)
	w("ARG TARGETOS TARGETARCH\n")
	w("WORKDIR /src\n")
	if !m.Vendored {
		// The modules are downloaded in a layer of their own, kept until
		// go.mod or go.sum change.
		if m.HasSum {
			w("COPY go.mod go.sum ./\n")
		} else {
			w("COPY go.mod ./\n")
		}
		w("RUN --mount=type=cache,target=/go/pkg/mod go mod download\n")
	}
	w("COPY . .\n")
	w("RUN --mount=type=cache,target=/go/pkg/mod \\\n")
	w("    --mount=type=cache,target=/root/.cache/go-build \\\n")
	w("    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\\n")
	w("    go build -trimpath -ldflags=\"-s -w\" -o /out/%s %s\n\n", name, main)
	switch o.Base {
	case "distroless":
		w("# CA certificates, time zones and a nonroot user (65532), no shell.\n")
		w("FROM %s\n", DistrolessImage)
	case "scratch":
		w("FROM scratch\n")
		w("COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n")
		w("COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n")
	case "alpine":
		w("FROM %s\n", AlpineImage)
		w("RUN apk add --no-cache ca-certificates tzdata\n")
	}
	w("COPY --from=build /out/%s %s\n", name, bin)
	w("USER 65532:65532\n")
	w("EXPOSE %d\n", o.Port)
	w("%s", health)
	w("ENTRYPOINT [%s]\n", strconv.Quote(bin))
	return b.Bytes()
}

func dockerignore(m *Module) []byte {
	var b bytes.Buffer
	b.WriteString("# Written by golint-docker init: what the image build does not need.\n")
	for _, p := range []string{".git", ".github", ".gitignore", ".idea", ".vscode", "*.env", ".env*", "bin/", "dist/", "*.test", "*.out", "coverage.*", "Dockerfile*", ".dockerignore"} {
		b.WriteString(p + "\n")
	}
	if !m.Vendored {
		b.WriteString("vendor/\n")
	}
	return b.Bytes()
}
