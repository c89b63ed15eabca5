package lint_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

// bigBuild is a build stage with a lowercase "as" (BuildKit's FromAsCasing)
// followed by n-1 RUN instructions, and a final stage.
func bigBuild(n int) []byte {
	var b strings.Builder
	b.WriteString("FROM golang:1.27-alpine as build\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "RUN echo step %d >> /steps\n", i)
	}
	b.WriteString("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /steps /steps\nENTRYPOINT [\"/app\"]\n")
	return []byte(b.String())
}

func ruleIDs(r finding.Result) []string {
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.RuleID)
	}
	return ids
}

func TestBuildKitChecksSkippedOnHugeFiles(t *testing.T) {
	l := lint.New(testengine.Engine(t), lint.Options{BuildKitChecks: true, Facts: testengine.Facts(t)})
	ctx := context.Background()

	// 3 instructions besides the build stage's: at the limit BuildKit runs.
	small := l.Bytes(ctx, "Dockerfile", bigBuild(bkcheck.MaxInstructions-3))
	if small.Err != nil || len(small.Notes) != 0 || !slices.Contains(ruleIDs(small), "FromAsCasing") {
		t.Errorf("at the limit: err %v, notes %q, rules %v; want FromAsCasing and no note", small.Err, small.Notes, ruleIDs(small))
	}

	huge := l.Bytes(ctx, "Dockerfile", bigBuild(bkcheck.MaxInstructions-2))
	if huge.Err != nil || slices.Contains(ruleIDs(huge), "FromAsCasing") {
		t.Errorf("over the limit: err %v, rules %v; want no BuildKit finding", huge.Err, ruleIDs(huge))
	}
	want := fmt.Sprintf("BuildKit's checks skipped: %d instructions", bkcheck.MaxInstructions+1)
	if len(huge.Notes) != 1 || !strings.Contains(huge.Notes[0], want) {
		t.Errorf("over the limit: notes %q, want one saying %q", huge.Notes, want)
	}
	// golint-docker's own rules still ran: the same findings as on the
	// smaller file of the same shape.
	own := func(r finding.Result) (ids []string) {
		for _, id := range ruleIDs(r) {
			if strings.HasPrefix(id, "GD") {
				ids = append(ids, id)
			}
		}
		return ids
	}
	if len(own(small)) == 0 || !slices.Equal(own(small), own(huge)) {
		t.Errorf("built-in findings: %v at the limit, %v over it; want the same, not none", own(small), own(huge))
	}
}

// A fix that edits two far-apart lines (go-cache-mounts: a download near the
// top, a build far below) shows the two places, not every line between
// them: with one such finding per build, the report grew with the square of
// the file's size.
func TestReplacementShowsTheEditedPlacesOnly(t *testing.T) {
	var b strings.Builder
	b.WriteString("FROM golang:1.27-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n")
	for i := range 200 {
		fmt.Fprintf(&b, "LABEL org.example.step%d=\"%d\"\n", i, i)
	}
	b.WriteString("RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/app .\n")
	b.WriteString("FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n")
	l := lint.New(testengine.Engine(t), lint.Options{Facts: testengine.Facts(t)})
	r := l.Bytes(context.Background(), "Dockerfile", []byte(b.String()))
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	for _, f := range r.Findings {
		if f.RuleID != "GD007" {
			continue
		}
		lines := strings.Split(strings.TrimSuffix(f.Replacement, "\n"), "\n")
		want := []string{
			"RUN --mount=type=cache,target=/go/pkg/mod go mod download",
			"...",
			`RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .`,
		}
		if !slices.Equal(lines, want) {
			t.Fatalf("replacement:\n%s\nwant:\n%s", f.Replacement, strings.Join(want, "\n"))
		}
		if len(f.Edits) != 2 {
			t.Errorf("edits = %+v, want one on each RUN", f.Edits)
		}
		return
	}
	t.Fatalf("no go-cache-mounts finding: %v", ruleIDs(r))
}
