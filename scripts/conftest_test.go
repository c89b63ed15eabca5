package scripts

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readmeBlock returns the lines of the first ```sh block after heading in
// README.md, comments dropped.
func readmeBlock(t *testing.T, heading string) []string {
	t.Helper()
	readme := mustRead(t, "../README.md")
	i := strings.Index(readme, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no %q", heading)
	}
	rest := readme[i:]
	start := strings.Index(rest, "```sh\n")
	if start < 0 {
		t.Fatalf("no sh block after %q", heading)
	}
	rest = rest[start+len("```sh\n"):]
	rest = rest[:strings.Index(rest, "```")]
	var lines []string
	for _, l := range strings.Split(rest, "\n") {
		if l, _, _ = strings.Cut(l, "  #"); strings.TrimSpace(l) != "" {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return lines
}

type conftestResult []struct {
	Filename string `json:"filename"`
	Failures []struct {
		Msg      string         `json:"msg"`
		Metadata map[string]any `json:"metadata"`
	} `json:"failures"`
	Warnings []struct {
		Msg string `json:"msg"`
	} `json:"warnings"`
}

// TestConftest runs the README's conftest pipe, as written, on the guide's
// Dockerfile (skipped without conftest on PATH): conftest fails the file
// with golint-docker's errors and warnings and reports its infos, the same
// findings golint-docker reports with its own rules. conftest's own
// Dockerfile parser, or its default namespace, fail the file with what to
// run instead of passing it.
func TestConftest(t *testing.T) {
	conftest, err := exec.LookPath("conftest")
	if err != nil {
		t.Skip("conftest not on PATH (go install github.com/open-policy-agent/conftest@v0.71.1)")
	}
	bin := golintDocker(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "Dockerfile"), mustRead(t, "../testdata/guide/Dockerfile"))
	write(t, filepath.Join(dir, ".dockerignore"), ".git\n")
	path := filepath.Dir(bin) + string(os.PathListSeparator) + filepath.Dir(conftest) + string(os.PathListSeparator) + os.Getenv("PATH")
	sh := func(script string) (int, string, string) {
		t.Helper()
		cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+path, "NO_COLOR=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			return ee.ExitCode(), stdout.String(), stderr.String()
		case err != nil:
			t.Fatal(err)
		}
		return 0, stdout.String(), stderr.String()
	}

	// What golint-docker reports with its own rules.
	_, out, _ := sh("golint-docker --buildkit-checks=false --failure-threshold none --format json Dockerfile")
	var rep struct {
		Files []struct {
			Findings []struct {
				RuleID   string `json:"rule_id"`
				Severity string `json:"severity"`
				Line     int    `json:"line"`
			} `json:"findings"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Files) != 1 {
		t.Fatalf("golint-docker: %v\n%s", err, out)
	}
	var wantFail, wantWarn []string
	for _, f := range rep.Files[0].Findings {
		if f.Severity == "info" {
			wantWarn = append(wantWarn, f.RuleID)
		} else {
			wantFail = append(wantFail, f.RuleID)
		}
	}

	lines := readmeBlock(t, "### conftest")
	if len(lines) != 2 {
		t.Fatalf("the README's conftest block: %q", lines)
	}
	if code, out, errOut := sh(lines[0]); code != 0 {
		t.Fatalf("%s: exit %d\n%s%s", lines[0], code, out, errOut)
	}
	code, out, errOut := sh(lines[1] + " --output json")
	if code != 1 {
		t.Errorf("%s: exit %d, want 1 (failures)\n%s%s", lines[1], code, out, errOut)
	}
	var res conftestResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 1 {
		t.Fatalf("conftest --output json: %v\n%s%s", err, out, errOut)
	}
	ids := func(msgs []string) []string {
		var out []string
		for _, m := range msgs {
			if i := strings.LastIndex(m, " [GD"); i >= 0 {
				out = append(out, strings.Fields(m[i+2:])[0])
			}
		}
		return out
	}
	var fails, warns []string
	for _, f := range res[0].Failures {
		fails = append(fails, f.Msg)
	}
	for _, w := range res[0].Warnings {
		warns = append(warns, w.Msg)
	}
	if got := strings.Join(slices.Sorted(slices.Values(ids(fails))), " "); got != strings.Join(slices.Sorted(slices.Values(wantFail)), " ") {
		t.Errorf("conftest failures %s, golint-docker's errors and warnings %s\n%s", got, strings.Join(slices.Sorted(slices.Values(wantFail)), " "), strings.Join(fails, "\n"))
	}
	if got := strings.Join(slices.Sorted(slices.Values(ids(warns))), " "); got != strings.Join(slices.Sorted(slices.Values(wantWarn)), " ") {
		t.Errorf("conftest warnings %s, golint-docker's infos %s", got, strings.Join(slices.Sorted(slices.Values(wantWarn)), " "))
	}
	if !strings.Contains(strings.Join(fails, "\n"), "line 26: error: COPY --from=builder copies /usr/share/zoneinfo") {
		t.Errorf("failures:\n%s", strings.Join(fails, "\n"))
	}

	// The wrong ways fail, saying what to run.
	for _, wrong := range []string{
		"conftest test --parser dockerfile -p " + abs(t, "../policies") + " Dockerfile",
		"conftest test --parser dockerfile --all-namespaces -p " + abs(t, "../policies") + " Dockerfile",
		"conftest test --parser dockerfile --namespace golintdocker -p golint-docker-bundle -d golint-docker-bundle Dockerfile",
		"golint-docker input Dockerfile | conftest test --parser json -p " + abs(t, "../policies") + " -",
	} {
		code, out, errOut := sh(wrong)
		if code != 1 || !strings.Contains(out, "golint-docker input Dockerfile | conftest test --parser json --namespace golintdocker") {
			t.Errorf("%s: exit %d, want a failure saying what to run:\n%s%s", wrong, code, out, errOut)
		}
	}
}

func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
