package lint_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/parse"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/report"
	"github.com/golint-docker/golint-docker/pkg/testenv"
	"github.com/golint-docker/golint-docker/pkg/testgen"
	"github.com/golint-docker/golint-docker/policies"
)

// corpus returns the shared corpus files BuildKit parses: the input of the
// per-file benchmarks (ns/op is per file, averaged over the corpus).
func corpus(b *testing.B) (names []string, data [][]byte) {
	b.Helper()
	for _, f := range testenv.Corpus(b) {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := parse.Parse(f, d); err == nil {
			names = append(names, f)
			data = append(data, d)
		}
	}
	if len(data) == 0 {
		b.Fatal("no corpus file parses")
	}
	return names, data
}

func BenchmarkParse(b *testing.B) {
	names, data := corpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(data)
		if _, err := parse.Parse(names[k], data[k]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDocument(b *testing.B) {
	names, data := corpus(b)
	files := make([]*parse.File, len(data))
	for k := range data {
		files[k], _ = parse.Parse(names[k], data[k])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := document.Build(files[i%len(files)], document.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func documents(b *testing.B) []*document.Document {
	names, data := corpus(b)
	docs := make([]*document.Document, len(data))
	for k := range data {
		f, _ := parse.Parse(names[k], data[k])
		docs[k], _ = document.Build(f, document.Options{})
	}
	return docs
}

func BenchmarkValue(b *testing.B) {
	docs := documents(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := policy.Value(docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// largeDocument is the document of a generated 256 KiB Dockerfile of Go
// builds, with its number of instructions and its size.
func largeDocument(b *testing.B) (doc *document.Document, instructions, size int) {
	b.Helper()
	data := testgen.BigBuild(256 << 10)
	f, err := parse.Parse("Dockerfile", data)
	if err != nil {
		b.Fatal(err)
	}
	doc, err = document.Build(f, document.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range doc.Stages {
		instructions += len(s.Instructions)
	}
	return doc, instructions, len(data)
}

// BenchmarkValueLarge: the live heap the value of a large generated file
// takes, per instruction (what a large file's peak is mostly made of; see
// docs/performance.md, Large files).
func BenchmarkValueLarge(b *testing.B) {
	doc, n, _ := largeDocument(b)
	b.ReportAllocs()
	var live uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		before := liveHeap()
		b.StartTimer()
		v, err := policy.Value(doc)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		live += liveHeap() - before
		runtime.KeepAlive(v)
		b.StartTimer()
	}
	b.ReportMetric(float64(live)/float64(b.N*n), "live-B/instruction")
}

// liveHeap is the heap a collection finds live.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func BenchmarkEvaluate(b *testing.B) {
	docs := documents(b)
	e := testengine.Engine(b)
	inputs := make([]ast.Value, len(docs))
	for k, d := range docs {
		v, err := policy.Value(d)
		if err != nil {
			b.Fatal(err)
		}
		inputs[k] = v
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.EvaluateValue(context.Background(), inputs[i%len(inputs)], 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateLarge: the peak live heap of evaluating a large
// generated file, over its value, per instruction; "full-cache" evaluates
// it as a small file is (OPA keeps every function call's result), "large"
// as its size says (at most 16,384 function results kept,
// policy.evalCache).
func BenchmarkEvaluateLarge(b *testing.B) {
	doc, n, size := largeDocument(b)
	in, err := policy.Value(doc)
	if err != nil {
		b.Fatal(err)
	}
	e := testengine.Engine(b)
	for _, c := range []struct {
		name string
		size int
	}{{"full-cache", 0}, {"large", size}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				before := liveHeap()
				stop := peakLive()
				b.StartTimer()
				if _, err := e.EvaluateValue(context.Background(), in, c.size); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if p := stop(); p > before {
					peak += p - before
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(peak)/float64(b.N*n), "peak-live-B/instruction")
		})
	}
}

// peakLive follows the live heap each collection finds until the returned
// function is called, which returns the highest.
func peakLive() (stop func() uint64) {
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				result <- peak
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		runtime.GC() // the heap at the end counts too
		close(done)
		return <-result
	}
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l, err := policy.Load([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}}, false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := policy.New(context.Background(), l, policy.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLintFile is the whole pipeline for one file, as the CLI runs it.
func BenchmarkLintFile(b *testing.B) {
	names, data := corpus(b)
	l := lint.New(testengine.Engine(b), lint.Options{Facts: testengine.Facts(b)})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(data)
		if r := l.Bytes(context.Background(), names[k], data[k]); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

func BenchmarkReport(b *testing.B) {
	names, data := corpus(b)
	l := lint.New(testengine.Engine(b), lint.Options{Facts: testengine.Facts(b)})
	var results []report.Result
	for k := range data {
		r := l.Bytes(context.Background(), names[k], data[k])
		results = append(results, report.Result{File: r.File, Findings: r.Findings, Lines: r.Lines})
	}
	for _, format := range report.Formats() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var buf bytes.Buffer
				w, _ := report.New(format, &buf, report.Tool{Name: "golint-docker", Version: "1.0.0"}, report.Options{})
				for _, r := range results {
					w.Write(r)
				}
				w.Close(report.Summary{Files: len(results)})
			}
		})
	}
}

// BenchmarkScaling lints one ever larger file, the whole pipeline: ns/KiB
// (per KiB of Dockerfile) and ns/stage stay flat when the cost is linear.
// BuildKit's checks are left out: their cost is not linear (see
// bkcheck.MaxInstructions).
func BenchmarkScaling(b *testing.B) {
	l := lint.New(testengine.Engine(b), lint.Options{Facts: testengine.Facts(b)})
	ctx := context.Background()
	for _, kib := range []int{32, 128, 512} {
		data := testgen.BigBuild(kib << 10)
		b.Run(fmt.Sprintf("size=%dKiB", kib), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if r := l.Bytes(ctx, "Dockerfile", data); r.Err != nil {
					b.Fatal(r.Err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(data)>>10), "ns/KiB")
		})
	}
	for _, n := range []int{250, 1000, 4000} {
		data := testgen.ChainedStages(n)
		b.Run(fmt.Sprintf("stages=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if r := l.Bytes(ctx, "Dockerfile", data); r.Err != nil {
					b.Fatal(r.Err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/stage")
		})
	}
}
