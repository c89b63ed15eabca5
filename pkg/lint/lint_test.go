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
