package document

import "testing"

// TestFromPos: where a --from or mount from= value is written, for the
// fix that rewrites it; exact only when it is written once, as is.
func TestFromPos(t *testing.T) {
	src := "FROM golang:1.27-alpine\nWORKDIR /src\n" +
		"RUN --mount=type=cache,target=/go/pkg/mod \\\n" +
		"    --mount=type=bind,from=0,source=/go/pkg/mod,target=/m \\\n" +
		"    go build -o /app .\n" +
		"FROM scratch\n" +
		"COPY --chown=0:0   --from=0 /app /app\n" +
		"RUN --mount=type=bind,from=0,target=/a --mount=type=bind,target=/b,from=0 true\n"
	d := build(t, src, Options{})
	span := func(line, col, end int) Span {
		return Span{Line: line, Column: col, EndLine: line, EndColumn: end, Exact: true}
	}
	m := d.Stages[0].Instructions[1].Run.Mounts
	if len(m) != 2 || m[0].FromPos != (Span{}) || m[1].FromPos != span(4, 28, 29) {
		t.Errorf("mounts = %+v", m)
	}
	ins := d.Stages[1].Instructions
	if got := ins[0].Copy.FromPos; got != span(7, 27, 28) {
		t.Errorf("COPY --from=0 at %+v, want 7:27-28", got)
	}
	if m := ins[1].Run.Mounts; len(m) != 2 || m[0].FromPos != span(8, 28, 29) || m[1].FromPos != span(8, 73, 74) {
		t.Errorf("two mounts from=0: %+v", m)
	}
}
