package bkcheck

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestInstructionsBuildKitCannotBuildAreSteppedOver(t *testing.T) {
	src := `FROM golang:1.24 AS build
WORKDIR /src
COPY --from=build /src/go.mod ./
RUN go build -o /out/app .

FROM alpine:3.20
EXPOSE 70000
COPY --from=build /out/app /app
WORKDIR app
ENTRYPOINT ["/app"]
`
	fs := check(t, src, Options{})
	want := []hit{{BuildError, 3}, {BuildError, 7}, {"WorkdirRelativePath", 9}}
	if got := hits(fs); !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if f := fs[0]; f.Severity.String() != "error" || f.RuleName != "build-error" ||
		f.Message != "BuildKit cannot build this instruction: circular dependency detected on stage: build; BuildKit's other checks ran on the rest of the file without it" {
		t.Errorf("got %+v", f)
	}
	if !strings.Contains(fs[1].Message, "invalid containerPort: 70000") {
		t.Errorf("got %q", fs[1].Message)
	}
}

func TestSteppingOverIsBounded(t *testing.T) {
	src := "FROM alpine\n" + strings.Repeat("EXPOSE 70000\n", maxStops+2)
	fs, err := Check(context.Background(), "Dockerfile", []byte(src), Options{})
	var stops int
	for _, f := range fs {
		if f.RuleID == BuildError {
			stops++
		}
	}
	if stops != maxStops || err == nil {
		t.Errorf("got %d stops and %v, want %d and an error", stops, err, maxStops)
	}
}

func TestContinuePastKeepsLinesAndRefusesDefinitions(t *testing.T) {
	data := []byte("FROM alpine\r\nEXPOSE 70000 \\\n  80\nENV A=1\nRUN true\n")
	next, start, end, ok := continuePast(data, 2)
	if !ok || start != 2 || end != 3 || string(next) != "FROM alpine\r\n\n\nENV A=1\nRUN true\n" {
		t.Errorf("got %q %d-%d %v", next, start, end, ok)
	}
	for _, line := range []int{1, 4, 9} {
		if _, _, _, ok := continuePast(data, line); ok {
			t.Errorf("line %d: stepped over", line)
		}
	}
	if _, _, _, ok := continuePast([]byte("EXPOSE 1\nFROM alpine\n"), 1); ok {
		t.Error("stepped over an instruction before the first FROM")
	}
}
