package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const goldenDir = "../../testdata/golden"

// TestGolden runs the fixture through every format and compares the output
// with testdata/golden/<format>.golden (go test ./pkg/report -update rewrites
// them).
func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			got := renderFixture(t, format)
			path := filepath.Join(goldenDir, format+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./pkg/report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run go test ./pkg/report -update and review the diff)\ngot:\n%s", format, path, got)
			}
		})
	}
}

// TestGoldenFilesHaveFormats catches a golden file left behind by a
// renamed or removed format.
func TestGoldenFilesHaveFormats(t *testing.T) {
	known := map[string]bool{}
	for _, f := range Formats() {
		known[f+".golden"] = true
	}
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !known[e.Name()] {
			t.Errorf("%s/%s is not the golden file of any format", goldenDir, e.Name())
		}
	}
}
