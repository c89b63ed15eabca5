package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func TestIsDockerfile(t *testing.T) {
	yes := []string{"Dockerfile", "Dockerfile.prod", "api.Dockerfile", "Containerfile", "Containerfile.dev"}
	no := []string{"Dockerfile.dockerignore", ".dockerignore", "Dockerfile.", ".Dockerfile", "dockerfile.go", "README.md", "Dockerfiles", "docker-compose.yml",
		// Reports and leftovers written beside a Dockerfile.
		"Dockerfile.sarif", "Dockerfile.json", "Dockerfile.txt", "Dockerfile.SARIF", "Containerfile.xml", "Dockerfile.prod.orig", "Dockerfile.j2", "api.Dockerfile.bak"}
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
	// Named paths are read wherever they lead (no root); found ones within
	// the searched tree.
	want := []File{{"-", ""}, {filepath.Join(dir, "Dockerfile"), ""}, {filepath.Join(dir, "deploy", "Containerfile"), dir}, {explicit, ""}, {filepath.Join(dir, "svc", "api.Dockerfile"), dir}}
	slices.SortFunc(want, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
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

// TestRootIsTheRepository: a file found under a repository may be read
// through links anywhere in the repository; outside one, only in the tree.
func TestRootIsTheRepository(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "repo", "services", "api", "Dockerfile"))
	os.Mkdir(filepath.Join(dir, "repo", ".git"), 0o755)
	write(t, filepath.Join(dir, "loose", "Dockerfile"))
	files, problems := Files([]string{filepath.Join(dir, "repo", "services"), filepath.Join(dir, "loose")})
	if len(problems) != 0 || len(files) != 2 {
		t.Fatalf("%v %v", files, problems)
	}
	if files[0].Root != filepath.Join(dir, "loose") || files[1].Root != filepath.Join(dir, "repo") {
		t.Errorf("roots: %+v", files)
	}
}

// TestSpecialFiles: a FIFO or socket under a Dockerfile's name is a problem
// reported without opening it (a FIFO would block).
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok", "Dockerfile"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo", "Dockerfile"), 0o644); err != nil {
		os.MkdirAll(filepath.Join(dir, "fifo"), 0o755)
		if err := syscall.Mkfifo(filepath.Join(dir, "fifo", "Dockerfile"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, problems := Files([]string{dir})
	if len(files) != 1 || len(problems) != 1 || !strings.Contains(problems[0].Error(), "fifo/Dockerfile: not a regular file (a named pipe)") {
		t.Errorf("files %v problems %v", files, problems)
	}
}
