package builtin

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/version"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

var update = flag.Bool("update", false, "rewrite the generated files")

// TestGenerated: the generated files are what Generate makes of the
// sources now, with this OPA. With -update (go generate ./pkg/builtin) it
// writes them.
func TestGenerated(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		if *update {
			if err := os.WriteFile(name+".tmp", want, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(name+".tmp", name); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./pkg/builtin (or make generate)", name)
		}
	}
	if !*update && !Current() {
		t.Error("the embedded generated files do not match the sources")
	}
}

// TestSameOPA: the generated files were made by the OPA this binary
// evaluates with.
func TestSameOPA(t *testing.T) {
	if meta.OPA != version.Version {
		t.Fatalf("%s was made with OPA %s; this is %s: run go generate ./pkg/builtin", MetaFile, meta.OPA, version.Version)
	}
}

// TestBuiltinFacts: the built-in data's image and package facts are read
// without an error, and Off is what the data leaves off: a run without
// data of its own reads neither until it needs them (app.NewCatalogue),
// so nothing could report a mistake in them then.
func TestBuiltinFacts(t *testing.T) {
	l, ok := Loaded()
	if !ok {
		t.Fatal("stale")
	}
	gd, _ := l.Data["golintdocker"].(map[string]any)
	if _, err := imagefacts.New(gd); err != nil {
		t.Fatalf("built-in image facts: %v", err)
	}
	if got, want := Off(), policy.OffRules(l, nil, false); !reflect.DeepEqual(got, want) || len(got) == 0 {
		t.Fatalf("Off = %v, the data leaves off %v", got, want)
	}
}

// TestLoaded: the metadata and data read from the generated file are those
// of the sources.
func TestLoaded(t *testing.T) {
	got, ok := Loaded()
	if !ok {
		t.Fatal("stale")
	}
	want, err := policy.Load([]policy.Source{Source()}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Rules, want.Rules) || !reflect.DeepEqual(got.Data, want.Data) {
		t.Fatal("Loaded differs from policy.Load")
	}
	gotDoc, _ := got.DataDocument(nil)
	wantDoc, _ := want.DataDocument(nil)
	if !reflect.DeepEqual(gotDoc, wantDoc) {
		t.Fatal("the data documents differ")
	}
	// A configuration's data keys no rule reads are found without the
	// sources as with them.
	data := map[string]any{"go": 1, "images": 1, "options": 1, "imagse": 1, "secrest": 1}
	if g, w := got.Unread(data), want.Unread(data); !reflect.DeepEqual(g, w) || len(w) != 2 {
		t.Fatalf("Unread: %v from the metadata, %v from the sources", g, w)
	}
}

// TestStale: a change to any source file but a test is another digest.
func TestStale(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir+"/golintdocker", os.DirFS("../../policies/golintdocker")); err != nil {
		t.Fatal(err)
	}
	base := sourceDigest(os.DirFS(dir))
	if base != SourceDigest() {
		t.Fatal("the digest of the directory differs from the embedded one's")
	}
	os.WriteFile(dir+"/golintdocker/lib/lib_extra_test.rego", []byte("package x\n"), 0o644)
	os.WriteFile(dir+"/golintdocker/lib/extra.Dockerfile", []byte("FROM scratch\n"), 0o644)
	if sourceDigest(os.DirFS(dir)) != base {
		t.Error("a new test file changed the digest")
	}
	os.WriteFile(dir+"/golintdocker/go/data.json", []byte("{}"), 0o644)
	if sourceDigest(os.DirFS(dir)) == base {
		t.Error("a changed data.json did not change the digest")
	}
}

// TestPrecompiledFindings: the rules compiled at build time find, on every
// Dockerfile of the testdata and of the shared corpus, what the full
// compile (every stage and check) finds, with the same errors, every rule
// on (those off by default too).
func TestPrecompiledFindings(t *testing.T) {
	ctx := context.Background()
	rules, src, ok := Compiled()
	if !ok {
		t.Fatal("the compiled rules are stale: run go generate ./pkg/builtin")
	}
	meta, _ := Loaded()
	options := map[string]any{}
	for _, r := range meta.Rules {
		if r.DefaultOff {
			options[policy.OptionsKey(r)] = map[string]any{"enabled": true}
		}
	}
	if len(options) == 0 {
		t.Fatal("no rule is off by default: no-healthcheck should be")
	}
	opt := policy.Options{Data: map[string]any{"golintdocker": map[string]any{"options": options}}}
	pre, err := policy.NewPrecompiled(ctx, rules, src, meta, opt)
	if err != nil {
		t.Fatal(err)
	}
	// Marked as not built-in, the sources get every stage and check (in
	// the policy sandbox, as a policy directory's rules).
	full := Source()
	full.Builtin = false
	l, err := policy.Load([]policy.Source{full}, false)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := policy.New(ctx, l, opt)
	defer ref.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The testdata of the repository and of every rule: a plain clone has
	// hundreds, without the corpus.
	var files []string
	for _, dir := range []string{"../../testdata", "../../policies"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(d.Name(), "Dockerfile") && !strings.HasSuffix(p, ".dockerignore") {
				files = append(files, p)
			}
			return nil
		})
	}
	files = append(files, testenv.OptionalCorpus(t)...)
	// The image facts of the shipped data: without them no image is known
	// and the rules about images say nothing.
	ln := lint.New(nil, lint.Options{Facts: testengine.Facts(t)})
	n, found := 0, 0
	for _, p := range files {
		doc, err := ln.ReadDocument(p, nil)
		if err != nil {
			continue
		}
		got, gerr := pre.Evaluate(ctx, doc, 0)
		want, werr := ref.Evaluate(ctx, doc, 0)
		finding.Sort(got) // the sandbox's findings come in another order
		finding.Sort(want)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || (len(got)+len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%s: precompiled %v %v\nfull compile %v %v", p, got, gerr, want, werr)
		}
		n++
		found += len(got)
	}
	if n < 100 {
		t.Fatalf("only %d documents", n)
	}
	t.Logf("%d documents, %d findings", n, found)
}
