package lint_test

import (
	"context"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

// pragmaFile has a pragma that silences GD005, one with a typo, and one for
// a rule and a BuildKit check that find nothing there (-trimpath is given,
// the stage name is lower case).
const pragmaFile = `FROM golang:1.27-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# golint-docker ignore=ldflags-strip symbols kept for pprof
RUN CGO_ENABLED=0 go build -trimpath -o /app .
# golint-docker ignore=GD0005 typo
RUN CGO_ENABLED=0 go build -trimpath -o /app2 ./cmd/two
# golint-docker ignore=trimpath,StageNameCasing stale
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app3 ./cmd/three
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
COPY --from=build /app2 /app2
COPY --from=build /app3 /app3
ENTRYPOINT ["/app"]
`

// pragmaFindings lints pragmaFile and returns its unused-pragma findings
// by line, and the ids of the others.
func pragmaFindings(t *testing.T, opt lint.Options, rulesKnown bool) (map[int]string, []string) {
	t.Helper()
	e := testengine.Engine(t)
	opt.Facts = testengine.Facts(t)
	if rulesKnown {
		opt.Rules = e.Rules
	}
	res := lint.New(e, opt).Bytes(context.Background(), "Dockerfile", []byte(pragmaFile))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	unused := map[int]string{}
	var others []string
	for _, f := range res.Findings {
		if f.RuleName != "unused-pragma" {
			others = append(others, f.RuleID)
			continue
		}
		if f.RuleID != "GD100" || f.Severity != finding.Info {
			t.Errorf("finding %+v", f)
		}
		unused[f.Line] = f.Message
	}
	return unused, others
}

func TestUnusedPragmas(t *testing.T) {
	for _, tc := range []struct {
		name         string
		opt          lint.Options
		rulesUnknown bool
		want         map[int]string
	}{
		{"with BuildKit's checks", lint.Options{BuildKitChecks: true}, false, map[int]string{
			8:  `golint-docker pragma: "GD0005" names no rule`,
			10: "golint-docker pragma: trimpath silences nothing on the instruction at line 11; StageNameCasing silences nothing on the instruction at line 11",
		}},
		// Without BuildKit's checks, a pragma for one may be needed when
		// they run.
		{"without BuildKit's checks", lint.Options{}, false, map[int]string{
			8:  `golint-docker pragma: "GD0005" names no rule`,
			10: "golint-docker pragma: trimpath silences nothing on the instruction at line 11",
		}},
		// A rule turned off finds nothing to silence.
		{"rule ignored", lint.Options{Ignore: []string{"GD006"}}, false, map[int]string{
			8: `golint-docker pragma: "GD0005" names no rule`,
		}},
		{"rule ignored by name", lint.Options{Ignore: []string{"trimpath"}}, false, map[int]string{
			8: `golint-docker pragma: "GD0005" names no rule`,
		}},
		// Another build finds other things: only typos are sure.
		{"with --target", lint.Options{Target: "build"}, false, map[int]string{
			8: `golint-docker pragma: "GD0005" names no rule`,
		}},
		{"with a build argument", lint.Options{BuildArgs: map[string]string{"X": "1"}}, false, map[int]string{
			8: `golint-docker pragma: "GD0005" names no rule`,
		}},
		// The rules an OPA server holds are not known here.
		{"rules unknown", lint.Options{}, true, map[int]string{
			8:  "golint-docker pragma: GD0005 silences nothing on the instruction at line 9",
			10: "golint-docker pragma: trimpath silences nothing on the instruction at line 11",
		}},
		{"unused-pragma ignored", lint.Options{Ignore: []string{"unused-pragma"}}, false, map[int]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, others := pragmaFindings(t, tc.opt, !tc.rulesUnknown)
			check(t, got, tc.want)
			// The pragma with a typo silences nothing: GD005 is reported on
			// the go build below it, and only there (the first pragma
			// silences it on line 7). With --target build nothing ships.
			if tc.opt.Target != "" {
				return
			}
			if n := strings.Count(strings.Join(others, " "), "GD005"); n != 1 {
				t.Errorf("GD005 reported %d times, want once (line 9): %v", n, others)
			}
		})
	}
}

func check(t *testing.T, got, want map[int]string) {
	t.Helper()
	for line, msg := range want {
		if got[line] != msg {
			t.Errorf("line %d: %q, want %q", line, got[line], msg)
		}
	}
	for line, msg := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("line %d: unexpected %q", line, msg)
		}
	}
}

// A pragma for a rule that is off by default, and was not turned on, is
// not stale: the rule did not run. Turned on and silent, it is.
func TestPragmaForARuleOffByDefault(t *testing.T) {
	src := "FROM golang:1.27-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /app .\n" +
		"# golint-docker ignore=no-healthcheck the platform probes it\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n"
	e := testengine.Engine(t)
	for _, tc := range []struct {
		off   []string
		stale bool
	}{{[]string{"GD017"}, false}, {nil, true}} {
		res := lint.New(e, lint.Options{Facts: testengine.Facts(t), Rules: e.Rules, Off: tc.off}).Bytes(context.Background(), "Dockerfile", []byte(src))
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		stale := false
		for _, f := range res.Findings {
			if f.RuleName == "unused-pragma" && f.Line == 5 && strings.Contains(f.Message, "no-healthcheck silences nothing") {
				stale = true
			}
		}
		if stale != tc.stale {
			t.Errorf("off %v: stale %v, want %v: %+v", tc.off, stale, tc.stale, res.Findings)
		}
	}
}
