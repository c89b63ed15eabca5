package bkcheck

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// TestCorpus runs the checks over every real-world Dockerfile of
// ../shared/corpus: no panic, no error other than BuildKit refusing the file,
// and well-formed findings.
func TestCorpus(t *testing.T) {
	files := testenv.Corpus(t)
	if len(files) < 300 {
		t.Fatalf("found %d corpus files; ../shared/corpus/files should hold a few hundred", len(files))
	}
	checked, findings := 0, 0
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		fs, err := Check(context.Background(), name, data, Options{DockerIgnore: []string{".git", "*.md"}})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%s: not a *bkcheck.Error: %v", name, err)
			}
		} else {
			checked++
		}
		for _, f := range fs {
			findings++
			if f.Line < 1 || f.EndLine < f.Line || f.Message == "" || f.Fix == "" || (ruleByName[f.RuleID] == nil && f.RuleID != BuildError) {
				t.Errorf("%s: malformed finding %+v", name, f)
			}
		}
	}
	if checked < len(files)*9/10 {
		t.Errorf("only %d of %d corpus files checked without error", checked, len(files))
	}
	t.Logf("%d files, %d checked without error, %d findings", len(files), checked, findings)
}

// TestConcurrent checks files from several goroutines at once, as a linter
// running files in parallel does, and expects what a lone run gives.
func TestConcurrent(t *testing.T) {
	// The corpus when it is there, else the rules' testdata.
	files := testenv.OptionalCorpus(t)
	testdata, _ := filepath.Glob(filepath.Join("..", "..", "policies", "golintdocker", "rules", "*", "testdata", "*Dockerfile*"))
	files = append(files, testdata...)
	if len(files) == 0 {
		t.Fatal("no Dockerfiles to check")
	}
	if len(files) > 60 {
		files = files[:60]
	}
	want := make([]int, len(files))
	datas := make([][]byte, len(files))
	for i, p := range files {
		datas[i], _ = os.ReadFile(p)
		fs, _ := Check(context.Background(), "Dockerfile", datas[i], Options{})
		want[i] = len(fs)
	}
	errc := make(chan string, len(files)*4)
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range files {
				fs, _ := Check(context.Background(), "Dockerfile", datas[i], Options{})
				if len(fs) != want[i] {
					errc <- filepath.Base(files[i])
				}
			}
		}()
	}
	for w := 0; w < 4; w++ {
		<-done
	}
	close(errc)
	for name := range errc {
		t.Errorf("%s: concurrent run differs from a lone run", name)
	}
}

// TestWithoutClientSameFindings: without a .dockerignore Check leaves
// BuildKit's client out (see run); on every corpus file it must find what
// BuildKit finds through the client, and stop where it stops.
func TestWithoutClientSameFindings(t *testing.T) {
	files := testenv.Corpus(t)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		fast, ferr := Check(context.Background(), name, data, Options{})
		slow, serr := Check(context.Background(), name, data, Options{viaClient: true})
		if fmt.Sprint(ferr) != fmt.Sprint(serr) || !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s: without the client %v / %v; with it %v / %v", name, hits(fast), ferr, hits(slow), serr)
		}
	}
}
