package builtin

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/version"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// TestGenerated: the generated files are what go generate makes of the
// sources now, with this OPA.
func TestGenerated(t *testing.T) {
	files, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./pkg/builtin (or make generate)", name)
		}
	}
	if !Current() {
		t.Error("the embedded generated files do not match the sources")
	}
}

// TestSameOPA: the generated files were made by the OPA this binary
// evaluates with.
func TestSameOPA(t *testing.T) {
	m, err := decodeMeta(metaJSON)
	if err != nil {
		t.Fatal(err)
	}
	if m.OPA != version.Version {
		t.Fatalf("%s was made with OPA %s; this is %s: run go generate ./pkg/builtin", MetaFile, m.OPA, version.Version)
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
	if sourceDigest(os.DirFS(dir)) != base {
		t.Error("a new test file changed the digest")
	}
	os.WriteFile(dir+"/golintdocker/go/data.json", []byte("{}"), 0o644)
	if sourceDigest(os.DirFS(dir)) == base {
		t.Error("a changed data.json did not change the digest")
	}
}
