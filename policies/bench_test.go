package policies_test

import (
	"context"
	"io/fs"
	"os"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/testenv"
	"github.com/golint-docker/golint-docker/policies"
)

// BenchmarkRules reports what evaluating the rules costs per corpus document
// (the ns/doc and allocs/doc metrics; ns/op is one pass over the whole
// corpus):
//
//   - all: the decision golint-docker evaluates, data.golintdocker.findings;
//   - input-only: a query that only reads the input, the fixed cost of an
//     evaluation;
//   - GD001-single-stage-build ... GD029-untrusted-base-image: one rule
//     package's deny set on its own, the lib helpers it needs included. The
//     rules share those helpers (lib.final_facts, lib.by_cmd, ...) within one
//     evaluation, so these do not add up to "all": they show where the time
//     goes, and the rules that cost the most alone.
//
// The corpus is ../shared/corpus/files (GOLINT_DOCKER_CORPUS=GLOB picks
// other Dockerfiles). GOLINT_DOCKER_POLICIES=DIR benchmarks the policy
// directory DIR (one holding golintdocker/, such as a copy of this one taken
// before a change) instead of the built-in rules, to compare two versions
// under the same conditions:
//
//	go test ./policies -run '^$' -bench Rules
//	GOLINT_DOCKER_POLICIES=/tmp/before go test ./policies -run '^$' -bench 'Rules/all$' -count 5
func BenchmarkRules(b *testing.B) {
	inputs := benchInputs(b)
	names, queries := benchQueries(b)
	ctx := context.Background()
	for _, name := range names {
		pq := queries[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, in := range inputs {
					if _, err := pq.Eval(ctx, rego.EvalParsedInput(in)); err != nil {
						b.Fatal(err)
					}
				}
			}
			docs := float64(b.N * len(inputs))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/docs, "ns/doc")
		})
	}
}

// benchInputs are the input documents of the corpus files that golint-docker
// can read, built as it builds them (each with its own build context).
func benchInputs(b *testing.B) []ast.Value {
	b.Helper()
	files := testenv.Corpus(b)
	facts, err := policies.Facts()
	if err != nil {
		b.Fatal(err)
	}
	l := lint.New(nil, lint.Options{Facts: facts})
	var inputs []ast.Value
	for _, f := range files {
		doc, err := l.ReadDocument(f, nil)
		if err != nil {
			continue // not a Dockerfile BuildKit parses
		}
		v, err := policy.Value(doc)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, v)
	}
	if len(inputs) == 0 {
		b.Fatal("no corpus file is a Dockerfile golint-docker reads")
	}
	return inputs
}

// benchQueries compiles the rules once, as golint-docker does, and prepares
// on them the findings decision, the input-only query and one query per
// rule package.
func benchQueries(b *testing.B) (names []string, queries map[string]rego.PreparedEvalQuery) {
	b.Helper()
	var fsys fs.FS = policies.FS
	if dir := os.Getenv("GOLINT_DOCKER_POLICIES"); dir != "" {
		fsys = os.DirFS(dir)
	}
	l, err := policy.Load([]policy.Source{{Name: "policies", FS: fsys, Builtin: true}}, false)
	if err != nil {
		b.Fatal(err)
	}
	e, err := policy.New(context.Background(), l, policy.Options{})
	if err != nil {
		b.Fatal(err)
	}
	queries = map[string]rego.PreparedEvalQuery{}
	prepare := func(name, query string) {
		pq, err := e.Prepare(context.Background(), query)
		if err != nil {
			b.Fatalf("%s: %v", query, err)
		}
		names = append(names, name)
		queries[name] = pq
	}
	prepare("all", policy.Query)
	prepare("input-only", "input.final_stage")
	for _, r := range l.Rules {
		prepare(r.ID+"-"+r.Name, "data."+r.Package+".deny")
	}
	return names, queries
}
