package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIsDockerfile(t *testing.T) {
	yes := []string{"Dockerfile", "Dockerfile.prod", "api.Dockerfile", "Containerfile", "Containerfile.dev"}
	no := []string{"Dockerfile.dockerignore", ".dockerignore", "Dockerfile.", ".Dockerfile", "dockerfile.go", "README.md", "Dockerfiles", "docker-compose.yml"}
	for _, n := range yes {
		if !IsDockerfile(n) {
			t.Errorf("IsDockerfile(%q) = false", n)
		}
	}
	for _, n := range no {
		if IsDockerfile(n) {
			t.Errorf("IsDockerfile(%q) = true", n)
		}
	}
}

func write(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("FROM scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"Dockerfile", "svc/api.Dockerfile", "svc/Dockerfile.dockerignore", ".git/Dockerfile", "vendor/x/Dockerfile", "node_modules/y/Dockerfile", "deploy/Containerfile", "docs/notes.txt"} {
		write(t, filepath.Join(dir, p))
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	// A symlink loop inside the tree is not followed.
	os.Symlink(dir, filepath.Join(dir, "svc", "loop"))

	explicit := filepath.Join(dir, "docs", "notes.txt")
	files, problems := Files([]string{dir, explicit, filepath.Join(dir, "Dockerfile"), "-", filepath.Join(dir, "missing"), empty})
	want := []string{"-", filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "deploy", "Containerfile"), explicit, filepath.Join(dir, "svc", "api.Dockerfile")}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Errorf("files:\n got %q\nwant %q", files, want)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	if len(problems) != 2 || !strings.Contains(all, "missing: no such file or directory") || !strings.Contains(all, "empty: no Dockerfile found") {
		t.Errorf("problems:\n%s", all)
	}
}

func TestUnreadableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok", "Dockerfile"))
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0o000)
	defer os.Chmod(locked, 0o755)
	files, problems := Files([]string{dir})
	if len(files) != 1 || len(problems) != 1 || !strings.Contains(problems[0].Error(), "permission denied") {
		t.Errorf("files %q problems %v", files, problems)
	}
}
