package fix

import (
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

var lines = []string{
	"FROM golang:1.27 AS build",
	`RUN go build -ldflags="-X main.v=1" \`,
	"    -o /app .",
	"FROM scratch",
	"ENTRYPOINT /app serve",
}

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name        string
		first, last int
		edits       []finding.Edit
		want        string
	}{
		{"insert", 2, 3, []finding.Edit{{Line: 2, Column: 5, EndLine: 2, EndColumn: 5, Text: "CGO_ENABLED=0 "}},
			"RUN CGO_ENABLED=0 go build -ldflags=\"-X main.v=1\" \\\n    -o /app ."},
		{"two inserts", 2, 3, []finding.Edit{
			{Line: 2, Column: 24, EndLine: 2, EndColumn: 24, Text: "-s -w "},
			{Line: 2, Column: 5, EndLine: 2, EndColumn: 5, Text: "CGO_ENABLED=0 "},
		}, "RUN CGO_ENABLED=0 go build -ldflags=\"-s -w -X main.v=1\" \\\n    -o /app ."},
		{"whole line", 5, 5, []finding.Edit{{Line: 5, EndLine: 5, Text: `ENTRYPOINT ["/app", "serve"]`}},
			`ENTRYPOINT ["/app", "serve"]`},
		{"across lines", 2, 3, []finding.Edit{{Line: 2, Column: 36, EndLine: 3, EndColumn: 5, Text: " "}},
			`RUN go build -ldflags="-X main.v=1" -o /app .`},
	} {
		got, err := Apply(lines, tc.first, tc.last, tc.edits)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestApplyRejects(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []finding.Edit
	}{
		{"past the file", []finding.Edit{{Line: 9, Column: 1, EndLine: 9, EndColumn: 1}}},
		{"past the line", []finding.Edit{{Line: 2, Column: 99, EndLine: 2, EndColumn: 99}}},
		{"outside the span", []finding.Edit{{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}}},
		{"backwards", []finding.Edit{{Line: 2, Column: 9, EndLine: 2, EndColumn: 3}}},
		{"overlap", []finding.Edit{{Line: 2, Column: 1, EndLine: 2, EndColumn: 9}, {Line: 2, Column: 5, EndLine: 2, EndColumn: 12}}},
	} {
		if got, err := Apply(lines, 2, 3, tc.edits); err == nil {
			t.Errorf("%s: applied as %q, want an error", tc.name, got)
		}
	}
}
