package scripts

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type hook struct {
	ID, Entry, Language, Files, Exclude string
}

func readHooks(t *testing.T) []hook {
	t.Helper()
	var hooks []hook
	if err := yaml.Unmarshal([]byte(mustRead(t, "../.pre-commit-hooks.yaml")), &hooks); err != nil {
		t.Fatal(err)
	}
	return hooks
}

// TestPreCommitHooks: a hook that builds with Go, one that runs the binary
// on PATH, one that runs the release image; each picks the names the CLI
// searches for and leaves out the ignore files beside them.
func TestPreCommitHooks(t *testing.T) {
	hooks := readHooks(t)
	langs := map[string]string{}
	for _, h := range hooks {
		langs[h.ID] = h.Language
		files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
		match := func(p string) bool { return files.MatchString(p) && !exclude.MatchString(p) }
		for _, p := range []string{"Dockerfile", "svc/Dockerfile", "Dockerfile.prod", "deploy/api.Dockerfile", "Containerfile"} {
			if !match(p) {
				t.Errorf("%s: %s not matched", h.ID, p)
			}
		}
		for _, p := range []string{"Dockerfile.dockerignore", ".dockerignore", "docs/Dockerfile.md/x", "main.go", "MyDockerfile"} {
			if match(p) {
				t.Errorf("%s: %s matched", h.ID, p)
			}
		}
		switch h.Language {
		case "golang", "system":
			if h.Entry != "golint-docker" {
				t.Errorf("%s: entry %q", h.ID, h.Entry)
			}
		case "docker_image":
			// The image the release publishes.
			image := regexp.MustCompile(`(?m)^\s+images:\s*\n\s+- "?([^"\s]+)"?`).FindStringSubmatch(mustRead(t, "../.goreleaser.yaml"))
			if image == nil || !strings.HasPrefix(h.Entry, image[1]+":") {
				t.Errorf("%s: entry %q is not the image .goreleaser.yaml publishes (%v)", h.ID, h.Entry, image)
			}
		}
	}
	want := map[string]string{"golint-docker": "golang", "golint-docker-system": "system", "golint-docker-docker": "docker_image"}
	if len(langs) != len(want) {
		t.Errorf("hooks %v, want %v", langs, want)
	}
	for id, l := range want {
		if langs[id] != l {
			t.Errorf("hook %s: language %q, want %q", id, langs[id], l)
		}
	}
}

// TestPreCommitGoInstall: pre-commit's golang hooks run `go install ./...`
// in the repository; that must install the CLI and nothing else.
func TestPreCommitGoInstall(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{if eq .Name \"main\"}}{{.ImportPath}}{{end}}", "../...").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(out)); len(got) != 1 || !strings.HasSuffix(got[0], "/cmd/golint-docker") {
		t.Errorf("go install ./... would install %v; want only cmd/golint-docker", got)
	}
}

// TestPreCommitTryRepo runs the system hook through pre-commit itself
// (Debian's pre-commit; skipped without it) on a repository with a bad and
// a good Dockerfile.
func TestPreCommitTryRepo(t *testing.T) {
	pc, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit not installed (apt-get install pre-commit)")
	}
	bin := golintDocker(t)
	repo := t.TempDir()
	write(t, filepath.Join(repo, "svc/Dockerfile"), mustRead(t, "../testdata/guide/Dockerfile"))
	write(t, filepath.Join(repo, "README.md"), "not a Dockerfile\n")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "init")
	root, _ := filepath.Abs("..")
	tryRepo := func() (string, error) {
		cmd := exec.Command(pc, "try-repo", root, "golint-docker-system", "--all-files")
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pc"), "NO_COLOR=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := tryRepo()
	if err == nil || !strings.Contains(out, "svc/Dockerfile:26: error:") || !strings.Contains(out, "GD013") {
		t.Errorf("the hook should fail on the guide's Dockerfile: %v\n%s", err, out)
	}
	write(t, filepath.Join(repo, "svc/Dockerfile"), mustRead(t, "../testdata/clean/Dockerfile"))
	write(t, filepath.Join(repo, "svc/.dockerignore"), ".git\n")
	git("add", ".")
	git("commit", "-qm", "fix")
	if out, err := tryRepo(); err != nil {
		t.Errorf("the hook should pass on a clean Dockerfile: %v\n%s", err, out)
	}
}
