package scripts

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/golint-docker/golint-docker/pkg/testenv"
)

type actionStep struct {
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	If   string            `yaml:"if"`
	Run  string            `yaml:"run"`
	Env  map[string]string `yaml:"env"`
	With map[string]string `yaml:"with"`
}

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	var a actionFile
	if err := yaml.Unmarshal([]byte(mustRead(t, "../action.yml")), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestActionFile: every step runs a step of action.sh, every expression
// names an input, a step or a context that exists, and nothing installs Go
// for the rest of the caller's job.
func TestActionFile(t *testing.T) {
	a := readAction(t)
	steps := map[string]bool{}
	for _, s := range a.Runs.Steps {
		if s.ID != "" {
			steps[s.ID] = true
		}
	}
	expr := regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)
	ref := regexp.MustCompile(`\b(inputs|steps|github|runner)\.([A-Za-z_-]+)`)
	check := func(where, s string) {
		for _, m := range expr.FindAllStringSubmatch(s, -1) {
			for _, r := range ref.FindAllStringSubmatch(m[1], -1) {
				switch r[1] {
				case "inputs":
					if _, ok := a.Inputs[r[2]]; !ok {
						t.Errorf("%s: no input %q", where, r[2])
					}
				case "steps":
					if !steps[r[2]] {
						t.Errorf("%s: no step %q", where, r[2])
					}
				}
			}
		}
	}
	for name, o := range a.Outputs {
		check("output "+name, o.Value)
	}
	run := regexp.MustCompile(`^bash "\$GD_ACTION_PATH/scripts/action\.sh" (resolve|install|lint|summary)$`)
	for i, s := range a.Runs.Steps {
		where := s.ID
		if where == "" {
			where = s.Uses
		}
		if strings.Contains(s.Uses, "setup-go") {
			t.Errorf("step %d uses %s: it would change the caller's Go for the rest of the job", i, s.Uses)
		}
		check(where, s.If)
		for k, v := range s.Env {
			check(where+" env "+k, v)
		}
		for k, v := range s.With {
			check(where+" with "+k, v)
		}
		if s.Run != "" && !run.MatchString(strings.TrimSpace(s.Run)) {
			t.Errorf("step %s runs %q, not a step of scripts/action.sh", where, s.Run)
		}
		if s.Run != "" && s.Env["GD_ACTION_PATH"] != "${{ github.action_path }}" {
			t.Errorf("step %s: GD_ACTION_PATH is not the action's path", where)
		}
	}
}

func TestActionResolve(t *testing.T) {
	root, _ := filepath.Abs("..")
	for _, tc := range []struct {
		name                   string
		os, arch, ref, version string
		mode, asset, bin, key  string
		fails                  string
	}{
		{name: "release tag, Linux", os: "Linux", arch: "X64", ref: "v1.2.3",
			mode: "release", asset: "golint-docker_1.2.3_linux_amd64.tar.gz", bin: "/golint-docker/v1.2.3/linux-amd64/golint-docker", key: "golint-docker-v1.2.3-linux-amd64"},
		{name: "release tag, macOS arm64", os: "macOS", arch: "ARM64", ref: "v1.2.3",
			mode: "release", asset: "golint-docker_1.2.3_darwin_arm64.tar.gz", key: "golint-docker-v1.2.3-darwin-arm64"},
		{name: "prerelease tag, Windows", os: "Windows", arch: "X64", ref: "v2.0.0-rc.1",
			mode: "release", asset: "golint-docker_2.0.0-rc.1_windows_amd64.zip", bin: "/golint-docker/v2.0.0-rc.1/windows-amd64/golint-docker.exe"},
		{name: "version input wins", os: "Linux", arch: "ARM64", ref: "main", version: "v1.4.0",
			mode: "release", asset: "golint-docker_1.4.0_linux_arm64.tar.gz"},
		{name: "branch", os: "Linux", arch: "X64", ref: "main", mode: "source"},
		{name: "commit", os: "Linux", arch: "X64", ref: "0123456789abcdef0123456789abcdef01234567", mode: "source"},
		{name: "major tag", os: "Linux", arch: "X64", ref: "v1", mode: "source"},
		{name: "local action", os: "Linux", arch: "X64", ref: "", mode: "source"},
		{name: "source asked for at a tag", os: "Linux", arch: "X64", ref: "v1.2.3", version: "source", mode: "source"},
		{name: "no archive for the arch", os: "Linux", arch: "ARM", ref: "v1.2.3", mode: "source"},
		{name: "bad version", os: "Linux", arch: "X64", ref: "main", version: "latest", fails: `version "latest" is not a release tag`},
		{name: "unknown OS", os: "Plan9", arch: "X64", ref: "v1.2.3", fails: "unsupported runner.os Plan9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cache := t.TempDir()
			r := runAction(t, ".", "resolve", map[string]string{
				"GD_RUNNER_OS": tc.os, "GD_RUNNER_ARCH": tc.arch, "GD_ACTION_REF": tc.ref,
				"GD_VERSION": tc.version, "GD_ACTION_PATH": root, "RUNNER_TOOL_CACHE": cache,
			})
			if tc.fails != "" {
				if r.code == 0 || !strings.Contains(r.stderr, "::error title=golint-docker::"+tc.fails) {
					t.Errorf("exit %d, stderr %q; want a failure saying %q", r.code, r.stderr, tc.fails)
				}
				return
			}
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			o := r.outputs
			if o["mode"] != tc.mode || o["asset"] != tc.asset {
				t.Errorf("mode %q asset %q, want %q %q", o["mode"], o["asset"], tc.mode, tc.asset)
			}
			if tc.bin != "" && o["bin"] != cache+tc.bin {
				t.Errorf("bin %q, want %q", o["bin"], cache+tc.bin)
			}
			if tc.key != "" && o["key"] != tc.key {
				t.Errorf("key %q, want %q", o["key"], tc.key)
			}
			if !strings.HasPrefix(o["bin"], o["dir"]+"/") || !strings.HasSuffix(o["key"], filepath.Base(o["dir"])) {
				t.Errorf("dir %q, bin %q, key %q do not agree", o["dir"], o["bin"], o["key"])
			}
			if tc.mode == "source" && !regexp.MustCompile(`^source-[0-9a-f]{16}$`).MatchString(o["version"]) {
				t.Errorf("version %q, want source-HASH", o["version"])
			}
		})
	}
}

// TestActionSourceHash: the cache key of a build from source changes with
// the source and with nothing else.
func TestActionSourceHash(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum", "Makefile", "cmd/x/main.go", "pkg/a/a.go", "policies/r.rego"} {
		write(t, filepath.Join(root, f), f)
	}
	version := func() string {
		r := runAction(t, ".", "resolve", map[string]string{"GD_RUNNER_OS": "Linux", "GD_RUNNER_ARCH": "X64", "GD_ACTION_PATH": root, "RUNNER_TOOL_CACHE": root})
		if r.code != 0 {
			t.Fatal(r.stderr)
		}
		return r.outputs["version"]
	}
	v1 := version()
	write(t, filepath.Join(root, "pkg/a/a_test.go"), "test")
	write(t, filepath.Join(root, "README.md"), "docs")
	if v := version(); v != v1 {
		t.Errorf("a test or the README changed the key: %s, then %s", v1, v)
	}
	write(t, filepath.Join(root, "pkg/a/a.go"), "changed")
	if v := version(); v == v1 {
		t.Errorf("a source change kept the key %s", v)
	}
}

// archive packs files as GoReleaser does: tar.gz, or zip for Windows.
func archive(t *testing.T, name string, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if strings.HasSuffix(name, ".zip") {
		zw := zip.NewWriter(&buf)
		for n, data := range files {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	gw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gw)
	for n, data := range files {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o755, Size: int64(len(data))}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	tw.Close()
	gw.Close()
	return buf.Bytes()
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// TestActionInstallRelease downloads a release from a local file server laid
// out as GitHub's release downloads, with the real binary inside: installed
// when the checksum matches, refused (and nothing installed) when it does not.
func TestActionInstallRelease(t *testing.T) {
	bin := mustRead(t, golintDocker(t))
	const version = "v1.2.3"
	tarball := archive(t, "a.tar.gz", map[string][]byte{"golint-docker": []byte(bin), "README.md": []byte("readme")})
	zipball := archive(t, "a.zip", map[string][]byte{"golint-docker.exe": []byte(bin), "README.md": []byte("readme")})
	tampered := archive(t, "a.tar.gz", map[string][]byte{"golint-docker": []byte("#!/bin/sh\necho pwned\n")})
	files := map[string][]byte{}
	serve := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	defer serve.Close()
	checksums := func(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

	for _, tc := range []struct {
		name, asset string
		served      map[string][]byte // under /golint-docker/golint-docker/releases/download/v1.2.3/
		fails       string
	}{
		{name: "good checksum", asset: "golint-docker_1.2.3_linux_amd64.tar.gz", served: map[string][]byte{
			"golint-docker_1.2.3_linux_amd64.tar.gz": tarball,
			"checksums.txt":                          checksums(sum(zipball)+"  golint-docker_1.2.3_windows_amd64.zip", sum(tarball)+"  golint-docker_1.2.3_linux_amd64.tar.gz"),
		}},
		{name: "zip for Windows", asset: "golint-docker_1.2.3_windows_amd64.zip", served: map[string][]byte{
			"golint-docker_1.2.3_windows_amd64.zip": zipball,
			"checksums.txt":                         checksums(sum(zipball) + "  golint-docker_1.2.3_windows_amd64.zip"),
		}},
		{name: "bad checksum", asset: "golint-docker_1.2.3_linux_amd64.tar.gz", served: map[string][]byte{
			"golint-docker_1.2.3_linux_amd64.tar.gz": tampered,
			"checksums.txt":                          checksums(sum(tarball) + "  golint-docker_1.2.3_linux_amd64.tar.gz"),
		}, fails: "checksum mismatch for golint-docker_1.2.3_linux_amd64.tar.gz: got " + sum(tampered) + ", checksums.txt says " + sum(tarball) + "; not installed"},
		{name: "asset not in checksums.txt", asset: "golint-docker_1.2.3_linux_amd64.tar.gz", served: map[string][]byte{
			"golint-docker_1.2.3_linux_amd64.tar.gz": tarball,
			"checksums.txt":                          checksums(sum(tarball) + "  golint-docker_1.2.3_linux_arm64.tar.gz"),
		}, fails: "checksums.txt of v1.2.3 lists no golint-docker_1.2.3_linux_amd64.tar.gz"},
		{name: "no such release", asset: "golint-docker_1.2.3_linux_amd64.tar.gz", served: map[string][]byte{},
			fails: "could not download " + serve.URL + "/golint-docker/golint-docker/releases/download/v1.2.3/checksums.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clear(files)
			for n, data := range tc.served {
				files["/golint-docker/golint-docker/releases/download/"+version+"/"+n] = data
			}
			dir := filepath.Join(t.TempDir(), "golint-docker", version, "linux-amd64")
			name := "golint-docker"
			if strings.HasSuffix(tc.asset, ".zip") {
				name += ".exe"
			}
			r := runAction(t, ".", "install", map[string]string{
				"GD_MODE": "release", "GD_DIR": dir, "GD_BIN": filepath.Join(dir, name), "GD_ASSET": tc.asset,
				"GD_INSTALL_VERSION": version, "GD_REPOSITORY": "golint-docker/golint-docker",
				"GD_DOWNLOAD_URL": serve.URL + "/golint-docker/golint-docker/releases/download",
			})
			_, statErr := os.Stat(filepath.Join(dir, name))
			if tc.fails != "" {
				if r.code == 0 || !strings.Contains(r.stderr, "::error title=golint-docker::"+tc.fails) {
					t.Errorf("exit %d, stderr %q; want a failure saying %q", r.code, r.stderr, tc.fails)
				}
				if statErr == nil {
					t.Error("a binary was installed anyway")
				}
				return
			}
			if r.code != 0 || statErr != nil {
				t.Fatalf("exit %d (%v):\n%s%s", r.code, statErr, r.stdout, r.stderr)
			}
			if got := mustRead(t, filepath.Join(dir, name)); got != bin {
				t.Error("the installed binary is not the one in the archive")
			}
			if !strings.Contains(r.stdout, "golint-docker: ") {
				t.Errorf("the install does not say which version it installed: %q", r.stdout)
			}
		})
	}
}

// callerEnv is what a caller's job may have set that would break or
// redirect the build of golint-docker from source.
func callerEnv(t *testing.T) map[string]string {
	home := t.TempDir()
	return map[string]string{
		"GOFLAGS": "-mod=vendor", "GOPROXY": "off", "GOOS": "plan9", "GOARCH": "arm",
		"GOWORK":      write(t, filepath.Join(home, "go.work"), "go 1.26\n"),
		"GOENV":       write(t, filepath.Join(home, "goenv"), "GOFLAGS=-tags=caller_tag\nGOPROXY=off\n"),
		"GOTOOLCHAIN": "local", "CGO_ENABLED": "1", "GOPRIVATE": "*", "GOEXPERIMENT": "nosuchexperiment",
	}
}

// TestActionInstallSource runs the build from source with a go that records
// what it is given: the caller's Go settings stay out, the version goes into
// the Makefile's VERSION_VAR.
func TestActionInstallSource(t *testing.T) {
	root, _ := filepath.Abs("..")
	fake := t.TempDir()
	record := filepath.Join(fake, "record")
	write(t, filepath.Join(fake, "go"), `#!/usr/bin/env bash
{ pwd; printf '%s\n' "$@"; echo --; env; } >`+record+`
while [ $# -gt 0 ]; do
  if [ "$1" = -o ]; then printf '#!/bin/sh\necho golint-docker built\n' >"$2"; chmod +x "$2"; fi
  shift
done
`)
	os.Chmod(filepath.Join(fake, "go"), 0o755)
	dir := filepath.Join(t.TempDir(), "golint-docker", "source-x", "linux-amd64")
	env := callerEnv(t)
	env["GD_MODE"], env["GD_DIR"], env["GD_BIN"] = "source", dir, filepath.Join(dir, "golint-docker")
	env["GD_ACTION_PATH"], env["GD_ACTION_REF"] = root, "main"
	env["PATH"] = fake + ":" + os.Getenv("PATH")
	r := runAction(t, ".", "install", env)
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	rec := strings.SplitN(mustRead(t, record), "\n--\n", 2)
	args, goEnv := strings.Split(rec[0], "\n"), map[string]string{}
	for _, kv := range strings.Split(rec[1], "\n") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			goEnv[k] = v
		}
	}
	versionVar := regexp.MustCompile(`(?m)^VERSION_VAR\s*:=\s*(\S+)$`).FindStringSubmatch(mustRead(t, "../Makefile"))
	if versionVar == nil {
		t.Fatal("no VERSION_VAR in the Makefile")
	}
	want := []string{root, "build", "-trimpath", "-ldflags", "-s -w -X " + versionVar[1] + "=main", "-o", env["GD_BIN"], "./cmd/golint-docker"}
	if strings.Join(args, " ") != strings.Join(want, " ") {
		t.Errorf("go run in/with\n  %q\nwant\n  %q", args, want)
	}
	for k, v := range map[string]string{
		"GOFLAGS": "-mod=readonly -buildvcs=false", "GOPROXY": "https://proxy.golang.org,direct", "GOSUMDB": "sum.golang.org",
		"GOENV": "off", "GOWORK": "off", "GOTOOLCHAIN": "auto", "CGO_ENABLED": "0", "GOPRIVATE": "",
	} {
		if got, ok := goEnv[k]; !ok || got != v {
			t.Errorf("go saw %s=%q, want %q", k, got, v)
		}
	}
	for _, k := range []string{"GOOS", "GOARCH", "GOEXPERIMENT"} {
		if v, ok := goEnv[k]; ok {
			t.Errorf("go saw the caller's %s=%s", k, v)
		}
	}
	if !strings.Contains(r.stdout, "golint-docker: golint-docker built") {
		t.Errorf("stdout %q", r.stdout)
	}
}

// TestActionInstallSourceBuild is the real build from source, in the
// caller's hostile environment: the binary runs here and names the ref. It
// compiles everything with CGO_ENABLED=0 -trimpath, mostly cold: a stress
// test.
func TestActionInstallSourceBuild(t *testing.T) {
	testenv.Stress(t)
	root, _ := filepath.Abs("..")
	dir := filepath.Join(t.TempDir(), "golint-docker", "source-x", "linux-amd64")
	env := callerEnv(t)
	env["GD_MODE"], env["GD_DIR"], env["GD_BIN"] = "source", dir, filepath.Join(dir, "golint-docker")
	env["GD_ACTION_PATH"], env["GD_ACTION_REF"] = root, "main"
	r := runAction(t, ".", "install", env)
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	out, err := exec.Command(filepath.Join(dir, "golint-docker"), "version").CombinedOutput()
	if err != nil {
		t.Fatalf("the binary built does not run here (%s/%s): %v %s", runtime.GOOS, runtime.GOARCH, err, out)
	}
	if !strings.Contains(string(out), "main") {
		t.Errorf("version %q does not name the ref it was built at", out)
	}
}

func TestActionInstallSourceWithoutGo(t *testing.T) {
	dir := t.TempDir()
	// PATH without go: only bash's own tools.
	path := filepath.Join(dir, "bin")
	os.Mkdir(path, 0o755)
	for _, tool := range []string{"sed", "mkdir", "env"} {
		if p, err := exec.LookPath(tool); err == nil {
			os.Symlink(p, filepath.Join(path, tool))
		}
	}
	script, _ := filepath.Abs("action.sh")
	bash, _ := exec.LookPath("bash")
	cmd := exec.Command(bash, script, "install")
	cmd.Env = []string{"PATH=" + path, "GD_MODE=source", "GD_DIR=" + dir, "GD_BIN=" + filepath.Join(dir, "x"), "GD_ACTION_PATH=..", "GD_ACTION_REF=main"}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "golint-docker at main is not a release: building it from source needs Go on PATH") {
		t.Errorf("%v: %s", err, out)
	}
}

// TestActionLint runs the lint step as the runner would: annotations on
// stdout, a SARIF file, the JSON report, the outputs, and the step failing
// on findings.
func TestActionLint(t *testing.T) {
	bin := golintDocker(t)
	a := readAction(t)
	ws := t.TempDir()
	write(t, filepath.Join(ws, "svc/Dockerfile"), mustRead(t, "../testdata/guide/Dockerfile"))
	write(t, filepath.Join(ws, "svc/clean/Dockerfile"), mustRead(t, "../testdata/clean/Dockerfile"))
	env := map[string]string{"GD_BIN": bin}
	for name, in := range a.Inputs {
		env["GD_"+strings.ToUpper(strings.ReplaceAll(name, "-", "_"))] = in.Default
	}
	env["GD_SARIF"] = env["GD_SARIF_FILE"]
	env["GD_THRESHOLD"] = env["GD_FAILURE_THRESHOLD"]
	env["GD_BUILD_ARGS"] = "GO_VERSION=1.27"
	env["GD_WORKING_DIRECTORY"] = "svc"

	r := runAction(t, ws, "lint", env)
	if r.code != 1 {
		t.Fatalf("the step should fail with exit 1 on the guide's findings: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// svc has a Dockerfile: that one is linted, not svc/clean's.
	if !strings.Contains(r.stdout, "::error file=Dockerfile,line=") || strings.Contains(r.stdout, "clean/Dockerfile") {
		t.Errorf("annotations:\n%s", r.stdout)
	}
	if r.outputs["sarif-file"] != "svc/golint-docker.sarif" || r.outputs["exit-code"] != "1" {
		t.Errorf("outputs %v", r.outputs)
	}
	if sarif := mustRead(t, filepath.Join(ws, r.outputs["sarif-file"])); !strings.Contains(sarif, `"ruleId": "GD013"`) {
		t.Errorf("SARIF file: %.300s", sarif)
	}
	var report struct {
		Files []struct{ File string } `json:"files"`
	}
	if err := json.Unmarshal([]byte(mustRead(t, r.outputs["report"])), &report); err != nil || len(report.Files) != 1 {
		t.Errorf("JSON report: %v %+v", err, report)
	}

	// No Dockerfile in the working directory: the whole tree.
	os.Remove(filepath.Join(ws, "svc/Dockerfile"))
	env["GD_SARIF"] = ""
	env["GD_THRESHOLD"] = "none"
	r = runAction(t, ws, "lint", env)
	if r.code != 0 || !strings.Contains(mustRead(t, r.outputs["report"]), `"file": "clean/Dockerfile"`) {
		t.Errorf("exit %d, report %s\n%s", r.code, mustRead(t, r.outputs["report"]), r.stderr)
	}
	if _, ok := r.outputs["sarif-file"]; ok {
		t.Errorf("a sarif-file output without a SARIF file: %v", r.outputs)
	}

	env["GD_WORKING_DIRECTORY"] = "nowhere"
	if r = runAction(t, ws, "lint", env); r.code == 0 || !strings.Contains(r.stderr, "working-directory nowhere does not exist") {
		t.Errorf("exit %d: %s", r.code, r.stderr)
	}
}

// TestActionSummary: the job summary counts findings per rule and severity
// and lists the worst first; files that failed are listed.
func TestActionSummary(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq not installed (GitHub's runners have it)")
	}
	bin := golintDocker(t)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a/Dockerfile"), mustRead(t, "../testdata/guide/Dockerfile"))
	write(t, filepath.Join(dir, "b/Dockerfile"), "FROM alpine:3.22\nRUNN echo | typo\n")
	report := filepath.Join(dir, "report.json")
	cmd := exec.Command(bin, "--format", "json", "--output", report, "a/Dockerfile", "b/Dockerfile")
	cmd.Dir = dir
	cmd.Run()
	md := filepath.Join(dir, "summary.md")
	r := runAction(t, ".", "summary", map[string]string{"GD_REPORT": report, "GITHUB_STEP_SUMMARY": md, "GD_SUMMARY_TOP": "3"})
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := mustRead(t, md)

	// What the summary must say, from the report itself.
	var rep struct {
		Files []struct {
			Findings []struct {
				RuleID   string `json:"rule_id"`
				RuleName string `json:"rule_name"`
				Severity string `json:"severity"`
				Message  string `json:"message"`
				File     string `json:"file"`
				Line     int    `json:"line"`
			} `json:"findings"`
		} `json:"files"`
		Summary struct{ Files, Failed, Errors, Warnings, Infos int } `json:"summary"`
	}
	if err := json.Unmarshal([]byte(mustRead(t, report)), &rep); err != nil {
		t.Fatal(err)
	}
	s := rep.Summary
	if s.Files != 2 || s.Failed != 1 || s.Errors == 0 || s.Warnings == 0 || s.Infos == 0 {
		t.Fatalf("the guide's Dockerfile should give findings of every severity, and b/ an error: %+v", s)
	}
	want := []string{fmt.Sprintf("### golint-docker\n\n2 files linted: **%d** errors, **%d** warnings, **%d** infos, 1 could not be linted.\n", s.Errors, s.Warnings, s.Infos)}
	count := map[string]int{}
	var worst []string
	total := 0
	for _, f := range rep.Files[0].Findings {
		row := fmt.Sprintf("| %s %s | %s |", f.RuleID, f.RuleName, f.Severity)
		count[row]++
		total++
		if f.Severity == "error" {
			worst = append(worst, fmt.Sprintf("| error | `%s:%d` | %s | %s |", f.File, f.Line, f.RuleID, f.Message))
		}
	}
	for row, n := range count {
		want = append(want, fmt.Sprintf("%s %d |\n", row, n))
	}
	want = append(want, "#### Top findings\n\n| severity | where | rule | message |\n|---|---|---|---|\n"+worst[0]+"\n",
		fmt.Sprintf("… and %d more.\n", total-3),
		"#### Files that could not be linted\n\n- `b/Dockerfile:2`: unknown instruction: RUNN")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("summary lacks %q:\n%s", w, got)
		}
	}
	// The table lists errors, then warnings, then infos.
	if e, w, i := strings.Index(got, "| error |"), strings.Index(got, "| warning |"), strings.Index(got, "| info |"); !(e < w && w < i) {
		t.Errorf("rules not ordered by severity:\n%s", got)
	}
	top := got[strings.Index(got, "#### Top findings"):]
	if n := strings.Count(top, "\n| error | ") + strings.Count(top, "\n| warning | ") + strings.Count(top, "\n| info | "); n != 3 {
		t.Errorf("%d top findings, want 3:\n%s", n, top)
	}

	// No report (the lint step never ran): nothing, and no failure.
	r = runAction(t, ".", "summary", map[string]string{"GD_REPORT": filepath.Join(dir, "none.json"), "GITHUB_STEP_SUMMARY": md})
	if r.code != 0 {
		t.Errorf("exit %d without a report: %s", r.code, r.stderr)
	}
}
