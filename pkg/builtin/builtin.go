// Package builtin is golint-docker's own rules as the linter runs them: the
// Rego sources (package policies), and what `go generate` makes of them so
// that a run need not parse and compile them — their metadata and data
// (meta_gen.go, Go values the linker lays out: nothing to decode at
// start-up), for the reports of a run whose results all come from the
// cache. The generated files are used only while they match the sources
// (Current): after a change to a rule and before `go generate`, the rules
// are parsed as before, and a test says the files are stale.
//
// Not public API: pkg/app's source of the built-in rules, free to change.
package builtin

//go:generate go test . -run TestGenerated -update

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/version"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

// Source is the built-in rules as a policy source.
func Source() policy.Source {
	return policy.Source{Name: "policies", FS: policies.FS, Builtin: true}
}

// MetaFile is the generated file of the rules' metadata and data: Go
// source declaring meta.
const MetaFile = "meta_gen.go"

// CompiledFile is the generated file of the rules compiled
// (policy.Precompile), after a line saying what they were made from.
const CompiledFile = "compiled.bin"

//go:embed compiled.bin
var compiled []byte

// Meta is what MetaFile holds.
type Meta struct {
	// Digest is SourceDigest of the sources it was made from.
	Digest string
	// OPA is the version of OPA that read them.
	OPA   string
	Rules []finding.Rule
	// Data is the merged data documents of the sources (Loaded.Data), as
	// JSON.
	Data string
	// Reads are the keys of data.golintdocker the rules read
	// (Loaded.ReadKeys), for policy.Loaded.Unread.
	Reads []string
	// Off are the rules off by default that Data leaves off
	// (policy.OffRules), so that a run without data of its own need not
	// decode Data to know them.
	Off []string
}

var digest = sync.OnceValue(func() string { return sourceDigest(policies.FS) })

// SourceDigest is a digest of the files of the built-in rules that
// policy.Load reads (the rules and their data, not their tests or test
// Dockerfiles): what the generated files are checked against, and what a
// result cache knows the built-in rules by.
func SourceDigest() string { return digest() }

func sourceDigest(fsys fs.FS) string {
	var paths []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
		case d.IsDir():
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
		case (strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego")) || path.Base(p) == "data.json":
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	// Hashed as read, not read whole and then hashed: this runs at every
	// start, over 250 KB.
	h := sha256.New()
	buf := make([]byte, 32<<10)
	for _, p := range paths {
		if err := hashFile(h, fsys, p, buf); err != nil {
			fmt.Fprintf(h, "%s\x00unreadable: %s\x00", p, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hashFile adds p's path, size and bytes to h as "path\0size\0bytes".
func hashFile(h io.Writer, fsys fs.FS, p string, buf []byte) error {
	f, err := fsys.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s\x00%d\x00", p, st.Size())
	_, err = io.CopyBuffer(h, f, buf)
	return err
}

// decodeData decodes Meta.Data as policy.Load reads data.json.
func decodeData(raw string) (map[string]any, error) {
	var data map[string]any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&data); err != nil {
		return nil, err
	}
	return data, nil
}

// Current reports whether the generated files match the sources and this
// OPA.
func Current() bool {
	_, ok := Loaded()
	return ok
}

// Loaded returns the rules' metadata and data without reading the Rego:
// enough to document the rules and to build the data document, not to
// compile them (Files is empty). ok is false when the generated file is
// stale; policy.Load then reads the sources.
func Loaded() (l *policy.Loaded, ok bool) {
	l, data, ok := Metadata()
	if !ok {
		return nil, false
	}
	if l.Data, ok = data(); !ok {
		return nil, false
	}
	return l, true
}

// Metadata is Loaded without the data (Data is nil): data decodes it, a
// fresh copy each call, when it is needed (image facts, compiling the
// rules).
func Metadata() (l *policy.Loaded, data func() (map[string]any, bool), ok bool) {
	if meta.Digest != SourceDigest() || meta.OPA != version.Version {
		return nil, nil, false
	}
	// Copies: a caller may change what it is given.
	rules := slices.Clone(meta.Rules)
	for i := range rules {
		rules[i].Aliases = slices.Clone(rules[i].Aliases)
	}
	data = func() (map[string]any, bool) {
		d, err := decodeData(meta.Data)
		return d, err == nil
	}
	return &policy.Loaded{Rules: rules, Reads: slices.Clone(meta.Reads)}, data, true
}

// Off are the ids of the rules off by default that the built-in data
// leaves off, as generated (valid while Metadata's ok is true).
func Off() []string { return slices.Clone(meta.Off) }

// Compiled returns the rules compiled at build time and their sources (for
// the texts of locations in errors), for policy.NewPrecompiled; ok is false
// when they were made from other sources or by another OPA.
func Compiled() (rules []byte, src map[string][]byte, ok bool) {
	header := compiledHeader(SourceDigest(), version.Version)
	if !bytes.HasPrefix(compiled, []byte(header)) {
		return nil, nil, false
	}
	src = map[string][]byte{}
	fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego") {
			if raw, err := fs.ReadFile(policies.FS, p); err == nil {
				src[Source().Name+"/"+p] = raw
			}
		}
		return nil
	})
	return compiled[len(header):], src, true
}
