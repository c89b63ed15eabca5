package policy_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

// TestLargeInputSameFindings: a large file is evaluated without caching
// function results; the findings are those of the full cache.
func TestLargeInputSameFindings(t *testing.T) {
	e, err := engine(t, policy.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/fix/*.input")
	files = append(files, "../../testdata/guide/Dockerfile")
	total := 0
	for _, p := range files {
		doc, err := lint.New(nil, lint.Options{}).ReadDocument(p, nil)
		if err != nil {
			continue // a file that does not parse (parse-error.input)
		}
		in, err := policy.Value(doc)
		if err != nil {
			t.Fatal(err)
		}
		small, err := e.EvaluateValue(context.Background(), in, 1000)
		if err != nil {
			t.Fatal(err)
		}
		large, err := e.EvaluateValue(context.Background(), in, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(small, large) {
			t.Errorf("%s: findings differ\nsmall: %v\nlarge: %v", p, small, large)
		}
		total += len(small)
	}
	if total < len(files) {
		t.Fatalf("%d findings over %d files: the test lints nothing", total, len(files))
	}
}
