package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

func lintFile(t *testing.T, l *lint.Linter, path string) finding.Result {
	t.Helper()
	res := l.File(context.Background(), discover.File{Path: path}, nil)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	return res
}

func findingsOf(res finding.Result, rule string) []finding.Finding {
	var out []finding.Finding
	for _, f := range res.Findings {
		if f.RuleName == rule || f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

// A Dockerfile built from the repository root: the context is found there,
// a note says so, and the fix copies the go.sum that is there.
func TestContextFoundAboveTheDockerfile(t *testing.T) {
	dir := filepath.Join("..", "..", "policies", "golintdocker", "rules", "go_mod_download_order", "testdata", "repo")
	res := lintFile(t, lint.New(testengine.Engine(t), lint.Options{}), filepath.Join(dir, "build", "Dockerfile"))
	if len(res.Notes) != 1 || !strings.HasPrefix(res.Notes[0], "build context: "+dir+", ") || !strings.Contains(res.Notes[0], "(go.mod)") {
		t.Errorf("notes %q", res.Notes)
	}
	fs := findingsOf(res, "go-mod-download-order")
	if len(fs) != 1 || !strings.Contains(fs[0].Replacement, "COPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . .") {
		t.Errorf("got %+v", fs)
	}
	// --context given: no note, and the rules read that directory.
	res = lintFile(t, lint.New(testengine.Engine(t), lint.Options{ContextDir: filepath.Join(dir, "build")}), filepath.Join(dir, "build", "Dockerfile"))
	if len(res.Notes) != 0 || len(findingsOf(res, "go-mod-download-order")) != 0 || len(findingsOf(res, "missing-dockerignore")) != 1 {
		t.Errorf("--context build/: notes %q, findings %v", res.Notes, ruleIDs(res))
	}
}

func TestFixNeverCopiesAMissingGoSum(t *testing.T) {
	path := filepath.Join("..", "..", "policies", "golintdocker", "rules", "go_mod_download_order", "testdata", "nosum", "Dockerfile")
	res := lintFile(t, lint.New(testengine.Engine(t), lint.Options{}), path)
	fs := findingsOf(res, "go-mod-download-order")
	if len(fs) != 1 || !strings.Contains(fs[0].Replacement, "COPY go.mod ./\nRUN go mod download\nCOPY . .") || strings.Contains(fs[0].Fix+fs[0].Replacement, "go.sum") {
		t.Errorf("got %+v", fs)
	}
	if len(res.Notes) != 0 {
		t.Errorf("the context is the Dockerfile's directory: notes %q", res.Notes)
	}
}

// An ignore file that is there but cannot be read (a FIFO here): its
// patterns are unknown, so missing-dockerignore says nothing, a note says
// why, and the read does not block. Without it, the rule fires.
func TestUnreadableDockerignoreIsNoGuess(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod":     "module example.com/app\n\ngo 1.24\n",
		"go.sum":     "",
		"Dockerfile": "FROM golang:1.24-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "Dockerfile")
	l := lint.New(testengine.Engine(t), lint.Options{BuildKitChecks: true})
	if res := lintFile(t, l, path); len(findingsOf(res, "missing-dockerignore")) != 1 {
		t.Fatalf("without a .dockerignore: %v", ruleIDs(res))
	}
	ignore := filepath.Join(dir, ".dockerignore")
	if err := syscall.Mkfifo(ignore, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	res := lintFile(t, lint.New(testengine.Engine(t), lint.Options{BuildKitChecks: true}), path)
	if fs := findingsOf(res, "missing-dockerignore"); len(fs) != 0 {
		t.Errorf("an unreadable .dockerignore taken for none: %+v", fs)
	}
	if len(res.Notes) != 1 || res.Notes[0] != ignore+": not a regular file (a named pipe); the checks that depend on what it excludes say nothing" {
		t.Errorf("notes %q", res.Notes)
	}
}

const twinsDockerfile = `FROM golang:1.27-alpine AS build
ARG GITHUB_TOKEN
ENV GOARCH=$TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
CMD go test ./...

FROM gcr.io/distroless/static-debian12:nonroot
EXPOSE 70000
COPY --from=build /out/app /app
MAINTAINER platform@example.com
ENTRYPOINT /app serve
COPY --link --chown=app:app config.yaml /etc/app/
`

// One finding per problem: where a rule of ours and a BuildKit check report
// the same thing, only ours is left; what BuildKit cannot build is an error
// finding and its other checks go on past it.
func TestTwinsReportedOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(path, []byte(twinsDockerfile), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := func(res finding.Result, rule string) (out []int) {
		for _, f := range findingsOf(res, rule) {
			out = append(out, f.Line)
		}
		return out
	}
	res := lintFile(t, lint.New(testengine.Engine(t), lint.Options{BuildKitChecks: true}), path)
	for rule, want := range map[string][]int{
		"shell-form-entrypoint":      {13},
		"json-args-recommended":      {7}, // the build stage's CMD: BuildKit's alone
		"secret-in-env-arg":          {2},
		"secrets-used-in-arg-or-env": nil,
		"undeclared-platform-arg":    {3},
		"undefined-var":              nil,
		"expose-invalid-port":        {10}, // BuildKit stops there too: ours says why
		"build-error":                {14},
		"maintainer-deprecated":      {12},
	} {
		if got := lines(res, rule); !equalInts(got, want) {
			t.Errorf("%s on lines %v, want %v", rule, got, want)
		}
	}
	if fs := findingsOf(res, "build-error"); len(fs) == 1 && (fs[0].Severity != finding.Error || !strings.Contains(fs[0].Message, "can't be resolved when used with --link")) {
		t.Errorf("got %+v", fs[0])
	}
	if fs := findingsOf(res, "expose-invalid-port"); len(fs) == 1 && (fs[0].Severity != finding.Error || !strings.Contains(fs[0].Message, "70000")) {
		t.Errorf("got %+v", fs[0])
	}
	// Turning our rule off silences the problem; its twin does not come back.
	res = lintFile(t, lint.New(testengine.Engine(t), lint.Options{BuildKitChecks: true, Ignore: []string{"shell-form-entrypoint", "GD010"}}), path)
	if got := lines(res, "json-args-recommended"); !equalInts(got, []int{7}) || len(lines(res, "undefined-var")) != 0 {
		t.Errorf("with the rules ignored: json-args-recommended %v, undefined-var %v", got, lines(res, "undefined-var"))
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
