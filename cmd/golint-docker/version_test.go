package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install @v1.4.0", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"go install @latest of a pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261101120000-abcdef123456"}}, "v0.0.0-20261101120000-abcdef123456"},
		{"a module version wins over the commit", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: vcs("0123456789abcdef0123", "false")}, "v1.4.0"},
		{"a clone built with go build", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123", "false")}, "0123456789ab"},
		{"with changes", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123", "true")}, "0123456789ab-dirty"},
		{"nothing known", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	} {
		if got := versionOf(&tc.bi); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestReleaseVersion: a release build (-ldflags -X main.version=...) says
// its tag, and SARIF carries it as its semantic version.
func TestReleaseVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "golint-docker")
	if out, err := exec.Command("go", "build", "-ldflags", "-X main.version=v1.2.3", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || string(out) != "golint-docker v1.2.3\n" {
		t.Fatalf("--version: %q %v", out, err)
	}
	out, _ = exec.Command(bin, "--format", "sarif", clean).Output()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version, SemanticVersion string
				}
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("%v\n%.300s", err, out)
	}
	if d := log.Runs[0].Tool.Driver; d.Version != "v1.2.3" || d.SemanticVersion != "1.2.3" {
		t.Errorf("driver version %q, semanticVersion %q", d.Version, d.SemanticVersion)
	}
	if !strings.Contains(string(out), `"semanticVersion": "1.2.3"`) {
		t.Error("no semanticVersion in the SARIF")
	}
}
