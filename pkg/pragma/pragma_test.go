package pragma

import (
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

const src = `# golint-docker global ignore=GD017 k8s probes instead
FROM golang:1.27 AS build
# golint-docker ignore=GD005,trimpath debug build on purpose
# (kept symbols for pprof)
RUN go build -o /app .

RUN go build -o /other .
# golint-docker ignore=GD004 not above anything

RUN apk add git \
    # golint-docker ignore=GD007 inside the instruction
    && go build -o /third .
FROM scratch
`

func spans() []Span {
	return []Span{{2, 2}, {5, 5}, {7, 7}, {10, 12}, {13, 13}}
}

func TestSuppressed(t *testing.T) {
	s := Parse(strings.Split(src, "\n"), spans())
	for _, tc := range []struct {
		id, name string
		line     int
		want     bool
	}{
		{"GD017", "no-healthcheck", 13, true},  // global
		{"GD005", "ldflags-strip", 5, true},    // by id, comment block above
		{"GD006", "trimpath", 5, true},         // by name
		{"gd006", "TRIMPATH", 5, true},         // case-insensitive
		{"GD005", "ldflags-strip", 7, false},   // next instruction is not covered
		{"GD004", "cgo-disabled", 10, false},   // blank line breaks the block
		{"GD007", "go-cache-mounts", 12, true}, // inside a multi-line RUN
		{"GD007", "go-cache-mounts", 13, false},
	} {
		f := finding.Finding{RuleID: tc.id, RuleName: tc.name, Line: tc.line}
		if got := s.Suppressed(f); got != tc.want {
			t.Errorf("%s/%s line %d: suppressed=%v, want %v", tc.id, tc.name, tc.line, got, tc.want)
		}
	}
}

func TestNotAPragma(t *testing.T) {
	s := Parse([]string{"# golint-docker: ignore=GD001", "#golint-docker ignored=GD001", "FROM scratch"}, []Span{{3, 3}})
	if s.Suppressed(finding.Finding{RuleID: "GD001", Line: 3}) {
		t.Error("a malformed pragma suppressed a finding")
	}
}
