package document

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/parse"
)

// FuzzDocument: any bytes either fail to parse with a *parse.Error naming a
// line inside the file, or build a document that marshals to JSON, with
// instruction lines inside the file. Never a panic.
func FuzzDocument(f *testing.F) {
	for _, p := range dockerfiles(f) {
		if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := parse.Parse("Dockerfile", data)
		if err != nil {
			pe, ok := err.(*parse.Error)
			if !ok {
				t.Fatalf("error is %T, not *parse.Error: %v", err, err)
			}
			if pe.Line < 0 || pe.Msg == "" {
				t.Fatalf("bad error %+v", pe)
			}
			return
		}
		d, err := Build(pf, Options{BuildArgs: map[string]string{"GO_VERSION": "1.27"}})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatalf("marshal: %v", err)
		}
		n := len(pf.Lines)
		for _, s := range d.Stages {
			for _, in := range s.Instructions {
				if in.Line < 1 || in.EndLine < in.Line || in.EndLine > n {
					t.Fatalf("instruction %s at lines %d-%d of %d", in.Cmd, in.Line, in.EndLine, n)
				}
				if in.Run == nil {
					continue
				}
				for _, g := range in.Run.Go {
					if g.Exact && (g.Line < in.Line || g.EndLine > in.EndLine || g.Column < 1) {
						t.Fatalf("go command at %d:%d outside its RUN (%d-%d)", g.Line, g.Column, in.Line, in.EndLine)
					}
					if g.Exact && g.Line <= n && g.Column-1 > len(pf.Lines[g.Line-1]) {
						t.Fatalf("go command column %d past the end of line %d", g.Column, g.Line)
					}
				}
			}
		}
	})
}
