package scripts

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type goreleaserConfig struct {
	Builds []struct {
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
	} `yaml:"builds"`
	Archives []struct {
		NameTemplate    string   `yaml:"name_template"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
	} `yaml:"checksum"`
	Dockers []struct {
		Dockerfile string            `yaml:"dockerfile"`
		Images     []string          `yaml:"images"`
		Platforms  []string          `yaml:"platforms"`
		BuildArgs  map[string]string `yaml:"build_args"`
		ExtraFiles []string          `yaml:"extra_files"`
	} `yaml:"dockers_v2"`
}

func readGoreleaser(t *testing.T) goreleaserConfig {
	t.Helper()
	var c goreleaserConfig
	if err := yaml.Unmarshal([]byte(mustRead(t, "../.goreleaser.yaml")), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Builds) != 1 || len(c.Archives) != 1 || len(c.Dockers) != 1 {
		t.Fatalf("want one build, one archive, one image: %+v", c)
	}
	return c
}

// xVar is the variable an -X in ldflags sets.
var xVar = regexp.MustCompile(`-X[ =]([A-Za-z0-9_./-]+)=`)

// TestVersionVariable: the Makefile, .goreleaser.yaml and the Dockerfile
// link the version into the same variable, and it is one the binary prints
// (an -X naming a variable that does not exist is silently ignored).
func TestVersionVariable(t *testing.T) {
	m := regexp.MustCompile(`(?m)^VERSION_VAR\s*:=\s*(\S+)$`).FindStringSubmatch(mustRead(t, "../Makefile"))
	if m == nil {
		t.Fatal("no VERSION_VAR in the Makefile")
	}
	v := m[1]
	c := readGoreleaser(t)
	if got := xVar.FindStringSubmatch(strings.Join(c.Builds[0].Ldflags, " ")); got == nil || got[1] != v {
		t.Errorf(".goreleaser.yaml ldflags set %v, the Makefile's VERSION_VAR is %s", got, v)
	}
	if got := xVar.FindStringSubmatch(mustRead(t, "../Dockerfile")); got == nil || got[1] != v {
		t.Errorf("the Dockerfile's ldflags set %v, the Makefile's VERSION_VAR is %s", got, v)
	}
	bin := filepath.Join(t.TempDir(), "golint-docker")
	if out, err := exec.Command("go", "build", "-ldflags", "-X "+v+"=v9.8.7-test", "-o", bin, "../cmd/golint-docker").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "v9.8.7-test") {
		t.Errorf("built with -X %s=v9.8.7-test, `version` says %q (%v)", v, out, err)
	}
}

// TestGoReleaserConfig: the archives are the ones the Action downloads, for
// every platform it runs on, and the image gets the source its Dockerfile
// builds from.
func TestGoReleaserConfig(t *testing.T) {
	c := readGoreleaser(t)
	b := c.Builds[0]
	slices.Sort(b.Goos)
	slices.Sort(b.Goarch)
	if b.Main != "./cmd/golint-docker" || b.Binary != "golint-docker" || !slices.Contains(b.Env, "CGO_ENABLED=0") ||
		!slices.Equal(b.Goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) {
		t.Errorf("build %+v", b)
	}
	a := c.Archives[0]
	// scripts/action.sh: golint-docker_${version#v}_${os}_${arch}.tar.gz, .zip on Windows.
	if a.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" || !slices.Equal(a.Formats, []string{"tar.gz"}) ||
		len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"}) {
		t.Errorf("archive %+v is not what scripts/action.sh downloads", a)
	}
	if !strings.Contains(mustRead(t, "action.sh"), `asset="golint-docker_${version#v}_${os}_${arch}.tar.gz"`) {
		t.Error("scripts/action.sh no longer names the archives as checked here")
	}
	if c.Checksum.NameTemplate != "checksums.txt" {
		t.Errorf("checksums file %q; scripts/action.sh reads checksums.txt", c.Checksum.NameTemplate)
	}
	d := c.Dockers[0]
	if d.Dockerfile != "Dockerfile" || d.BuildArgs["VERSION"] == "" {
		t.Errorf("image %+v: not the repository's Dockerfile with its VERSION", d)
	}
	if !strings.Contains(mustRead(t, "../Dockerfile"), "ARG VERSION") {
		t.Error("the Dockerfile has no ARG VERSION for the image's build_args")
	}
	// Every directory of this module that the CLI is built from.
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}", "../cmd/golint-docker").Output()
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("..")
	for _, dir := range strings.Fields(string(out)) {
		rel, _ := filepath.Rel(root, dir)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if !slices.Contains(d.ExtraFiles, top) {
			t.Errorf("the image's extra_files lack %s, which %s is built from", top, rel)
		}
	}
	for _, f := range []string{"go.mod", "go.sum"} {
		if !slices.Contains(d.ExtraFiles, f) {
			t.Errorf("the image's extra_files lack %s", f)
		}
	}
}

// TestGoReleaserCheck runs `goreleaser check` when GoReleaser is installed
// (make release-tools puts it in .cache/bin).
func TestGoReleaserCheck(t *testing.T) {
	bin, err := exec.LookPath("goreleaser")
	if err != nil {
		bin, _ = filepath.Abs("../.cache/bin/goreleaser")
		if _, err := os.Stat(bin); err != nil {
			t.Skip("GoReleaser not installed (make release-tools)")
		}
	}
	cmd := exec.Command(bin, "check")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("goreleaser check: %v\n%s", err, out)
	}
}
