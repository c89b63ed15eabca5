package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder stands in for a test: it records what Corpus and Stress ask of it.
type recorder struct {
	testing.TB
	failed, skipped bool
	log             []string
}

func (r *recorder) Helper()                      {}
func (r *recorder) Log(args ...any)              { r.log = append(r.log, fmt.Sprint(args...)) }
func (r *recorder) Fatal(args ...any)            { r.failed = true; r.Log(args...) }
func (r *recorder) Fatalf(f string, args ...any) { r.failed = true; r.Log(fmt.Sprintf(f, args...)) }
func (r *recorder) SkipNow()                     { r.skipped = true }
func (r *recorder) Skipf(f string, args ...any)  { r.skipped = true; r.Log(fmt.Sprintf(f, args...)) }
func (r *recorder) logged(s string) bool         { return strings.Contains(strings.Join(r.log, "\n"), s) }
func (r *recorder) String() string {
	return fmt.Sprintf("failed=%v skipped=%v log=%q", r.failed, r.skipped, r.log)
}

func TestCorpus(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "*")
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "a"), []byte("FROM scratch\n"), 0o644)
	os.WriteFile(filepath.Join(full, "b"), []byte("FROM scratch\n"), 0o644)

	for _, tc := range []struct {
		name, glob, require string
		files               int
		failed, skipped     bool
	}{
		{name: "absent", glob: empty, skipped: true},
		{name: "absent, required", glob: empty, require: "1", failed: true, skipped: true},
		{name: "present", glob: filepath.Join(full, "*"), files: 2},
		{name: "present, required", glob: filepath.Join(full, "*"), require: "1", files: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(CorpusEnv, tc.glob)
			t.Setenv(RequireCorpusEnv, tc.require)
			r := &recorder{}
			files := Corpus(r)
			if len(files) != tc.files || r.failed != tc.failed || r.skipped != tc.skipped {
				t.Errorf("Corpus: %d files, %s; want %d files, failed=%v skipped=%v", len(files), r, tc.files, tc.failed, tc.skipped)
			}
			if tc.files == 0 && !r.logged(tc.glob) {
				t.Errorf("the message does not say where it looked: %s", r)
			}
			o := &recorder{}
			files = OptionalCorpus(o)
			if len(files) != tc.files || o.failed != tc.failed || o.skipped {
				t.Errorf("OptionalCorpus: %d files, %s; want %d files, failed=%v, never skipped", len(files), o, tc.files, tc.failed)
			}
		})
	}
}

func TestCorpusGlobDefault(t *testing.T) {
	t.Setenv(CorpusEnv, "")
	g, err := CorpusGlob()
	if err != nil {
		t.Fatal(err)
	}
	// This package is pkg/testenv: the corpus is ../../../shared/corpus/files.
	want, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "files", "*"))
	if g != want {
		t.Errorf("CorpusGlob() = %s, want %s", g, want)
	}
}

func TestStress(t *testing.T) {
	for _, v := range []string{"", "0", "1"} {
		t.Setenv(StressEnv, v)
		r := &recorder{}
		Stress(r)
		if r.skipped != (v != "1") || r.failed {
			t.Errorf("%s=%q: %s", StressEnv, v, r)
		}
		if r.skipped && !r.logged("make test-stress") {
			t.Errorf("the skip does not say how to run it: %s", r)
		}
	}
}

func TestVmHWM(t *testing.T) {
	status := "Name:\tgolint-docker\nState:\tR (running)\nVmPeak:\t  900000 kB\nVmHWM:\t   65432 kB\nVmRSS:\t   60000 kB\n"
	if got := VmHWM([]byte(status)); got != 65432<<10 {
		t.Errorf("VmHWM = %d, want %d", got, 65432<<10)
	}
	if got := VmHWM([]byte("Name:\tkthreadd\nState:\tS (sleeping)\n")); got != 0 {
		t.Errorf("VmHWM without the line = %d, want 0", got)
	}
}
