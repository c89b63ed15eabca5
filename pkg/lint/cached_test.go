package lint

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/buildctx"
	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
)

// countingEval reports one finding per file and counts its evaluations;
// msg, when set, makes the message, err an error.
type countingEval struct {
	n   atomic.Int64
	msg func(doc *document.Document) string
	err error
}

func (c *countingEval) Evaluate(_ context.Context, doc *document.Document, _ int) ([]finding.Finding, error) {
	c.n.Add(1)
	if c.err != nil {
		return nil, c.err
	}
	msg := "a finding"
	if c.msg != nil {
		msg = c.msg(doc)
	}
	return []finding.Finding{{RuleID: "GDT01", RuleName: "test", Severity: finding.Warning, Line: 1, EndLine: 1, Message: msg}}, nil
}

// memCache is a ResultCache in memory.
type memCache struct {
	mu sync.Mutex
	m  map[cache.Key][]byte
}

func (m *memCache) Get(k cache.Key) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.m[k]
	return v, ok
}

func (m *memCache) Put(k cache.Key, v []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[k] = v
	return nil
}

const df = "FROM golang:1.26 AS build\nRUN go build -o /app .\nFROM alpine\nCOPY --from=build /app /app\n"

// TestOptionsInKey: every option is either part of a result's key or
// said not to change a result. A new option must be placed.
func TestOptionsInKey(t *testing.T) {
	in := map[string]bool{}
	for f := range reflect.TypeFor[resultOptions]().Fields() {
		in[f.Name] = true
	}
	for f := range reflect.TypeFor[Options]().Fields() {
		if in[f.Name] == (notInKey[f.Name] != "") {
			t.Errorf("Options.%s: in the key %v, said not to be %q: place it in keyOptions or notInKey", f.Name, in[f.Name], notInKey[f.Name])
		}
	}
}

// TestKeptRoundTrip: a finding kept and taken back is the same in every
// field (a field the encoding drops would make a cached result differ).
func TestKeptRoundTrip(t *testing.T) {
	var f finding.Finding
	v := reflect.ValueOf(&f).Elem()
	for i := range v.NumField() {
		fill(t, v.Field(i), v.Type().Field(i).Name)
	}
	f.Severity = finding.Error
	res := finding.Result{File: "a/Dockerfile", Findings: []finding.Finding{f}, Notes: []string{"a note"}}
	res.Findings[0].File = "a/Dockerfile"
	got, ok := decodeResult(encodeResult(res), "a/Dockerfile")
	if !ok || !reflect.DeepEqual(got.Findings, res.Findings) || !reflect.DeepEqual(got.Notes, res.Notes) {
		t.Fatalf("kept and taken back:\n%+v\nwant\n%+v", got, res)
	}
}

func fill(t *testing.T, v reflect.Value, name string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(name + " value")
	case reflect.Int:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		e := s.Index(0)
		if e.Kind() == reflect.Struct {
			for i := range e.NumField() {
				fill(t, e.Field(i), name+"."+e.Type().Field(i).Name)
			}
		} else {
			fill(t, e, name)
		}
		v.Set(s)
	default:
		t.Fatalf("%s: a %s: teach fill about it", name, v.Kind())
	}
}

// TestResultsOnce: the same file, linted many times at once, is evaluated
// once.
func TestResultsOnce(t *testing.T) {
	ev := &countingEval{}
	l := New(ev, Options{}).WithCache(NewResults(nil), cache.Key{})
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := l.Bytes(context.Background(), "svc/Dockerfile", []byte(df))
			if res.Err != nil || len(res.Findings) != 1 || res.Findings[0].File != "svc/Dockerfile" || res.File != "svc/Dockerfile" || len(res.Lines) != 4 {
				t.Errorf("%+v", res)
			}
		}()
	}
	wg.Wait()
	if n := ev.n.Load(); n != 1 {
		t.Fatalf("%d evaluations, want 1", n)
	}
}

// TestResultsName: the file's name is part of its input (input.file, a
// stage's role): the same bytes under another name are another key.
func TestResultsName(t *testing.T) {
	ev := &countingEval{msg: func(doc *document.Document) string { return "in " + doc.File }}
	l := New(ev, Options{}).WithCache(NewResults(nil), cache.Key{})
	ctx := context.Background()
	for _, name := range []string{"svc/Dockerfile", "svc/Dockerfile", "other/Dockerfile", "svc/Dockerfile"} {
		res := l.Bytes(ctx, name, []byte(df))
		if res.Findings[0].Message != "in "+name || res.Findings[0].File != name {
			t.Fatalf("%s: %+v", name, res.Findings[0])
		}
	}
	if n := ev.n.Load(); n != 2 {
		t.Fatalf("%d evaluations, want 2", n)
	}
}

// TestResultsNotKept: an evaluation that failed is done again; a result
// from a cache that holds garbage is not used.
func TestResultsNotKept(t *testing.T) {
	ev := &countingEval{err: errors.New("policy evaluation timed out")}
	disk := &memCache{m: map[cache.Key][]byte{}}
	l := New(ev, Options{}).WithCache(NewResults(disk), cache.Key{})
	ctx := context.Background()
	for range 2 {
		if res := l.Bytes(ctx, "Dockerfile", []byte(df)); res.Err == nil {
			t.Fatal("no error")
		}
	}
	if n := ev.n.Load(); n != 2 {
		t.Fatalf("%d evaluations, want 2", n)
	}
	for _, v := range disk.m {
		if strings.Contains(string(v), "timed out") {
			t.Fatal("an error was kept")
		}
	}

	ev = &countingEval{}
	for k := range disk.m {
		disk.m[k] = []byte(`{"findings": [{"rule_id": 5}]}`)
	}
	l = New(ev, Options{}).WithCache(NewResults(disk), cache.Key{})
	if res := l.Bytes(ctx, "Dockerfile", []byte(df)); res.Err != nil || len(res.Findings) != 1 || ev.n.Load() != 1 {
		t.Fatalf("garbage in the cache: %+v, %d evaluations", res, ev.n.Load())
	}
}

// TestResultsSalt: another salt (other rules, another binary) or other
// options are other keys.
func TestResultsSalt(t *testing.T) {
	disk := &memCache{m: map[cache.Key][]byte{}}
	ev := &countingEval{}
	ctx := context.Background()
	run := func(opt Options, salt byte) {
		New(ev, opt).WithCache(NewResults(disk), cache.Key{salt}).Bytes(ctx, "Dockerfile", []byte(df))
	}
	run(Options{}, 0)
	run(Options{}, 0)
	run(Options{}, 1)
	run(Options{Target: "build"}, 0)
	run(Options{BuildArgs: map[string]string{"A": "b"}}, 0)
	run(Options{Ignore: []string{"GD001"}}, 0)
	run(Options{Severity: map[string]finding.Severity{"GD001": finding.Error}}, 0)
	run(Options{BuildKitChecks: true}, 0)
	run(Options{MaxFileSize: 1 << 20}, 0) // not in the key
	if n := ev.n.Load(); n != 7 {
		t.Fatalf("%d evaluations, want 7", n)
	}
}

// TestKeptDamaged: every truncation of an entry, and every flipped byte,
// decodes to a miss or to an entry, never a panic; only the whole entry
// is read back as it was.
func TestKeptDamaged(t *testing.T) {
	res := finding.Result{Notes: []string{"n"}, Findings: []finding.Finding{
		{RuleID: "GD001", Message: "m", Line: 3, EndLine: 4, Edits: []finding.Edit{{Line: 3, Column: 1, EndLine: 3, EndColumn: 2, Text: "x"}}},
		{RuleID: "GD002", Message: "m2", Line: 5, EndLine: 5},
	}}
	raw := encodeResult(res)
	entry := fileEntry{evidence: buildctxEvidence(), result: raw}.encode()
	for _, whole := range [][]byte{raw, entry} {
		for i := range whole {
			if _, ok := decodeResult(whole[:i], "Dockerfile"); ok {
				t.Fatalf("a result cut at %d of %d decoded", i, len(whole))
			}
			if _, ok := decodeFileEntry(whole[:i]); ok {
				t.Fatalf("an entry cut at %d of %d decoded", i, len(whole))
			}
			for _, x := range []byte{0x01, 0x80, 0xff} {
				bad := bytes.Clone(whole)
				bad[i] ^= x
				decodeResult(bad, "Dockerfile")
				decodeFileEntry(bad)
			}
		}
	}
	if got, ok := decodeResult(raw, "Dockerfile"); !ok || len(got.Findings) != 2 || got.Findings[0].Edits[0].Text != "x" {
		t.Fatalf("the whole result: %+v %v", got, ok)
	}
}

func buildctxEvidence() buildctx.Evidence {
	return buildctx.Evidence{Sources: []string{"go.mod", "cmd/"}, Soft: "go.mod"}
}
