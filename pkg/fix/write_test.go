package fix_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

const (
	before = "FROM golang:1.26\nRUN go build .\n"
	after  = "FROM golang:1.26\nRUN CGO_ENABLED=0 go build .\n"
)

// write creates path (and its directory) holding content.
func write(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

// only fails unless dir holds exactly names: no temporary file is left.
func only(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestWriteFile(t *testing.T) {
	for _, root := range []string{"", "tree"} {
		t.Run("root="+root, func(t *testing.T) {
			dir := t.TempDir()
			df := filepath.Join(dir, "svc", "Dockerfile")
			write(t, df, before, 0o640)
			if root != "" {
				root = dir
			}
			if err := fix.WriteFile(df, root, []byte(after)); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(df); string(b) != after {
				t.Errorf("the file holds %q", b)
			}
			if st, _ := os.Lstat(df); st.Mode() != 0o640 {
				t.Errorf("mode %v, want -rw-r-----", st.Mode())
			}
			only(t, filepath.Join(dir, "svc"), "Dockerfile")
		})
	}
}

// TestWriteFileRefuses: what lint would not read, or reads through a
// link, is not written, and nothing outside the tree changes.
func TestWriteFileRefuses(t *testing.T) {
	t.Run("symbolic link", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "real.Dockerfile")
		write(t, target, before, 0o644)
		link := filepath.Join(dir, "Dockerfile")
		if err := os.Symlink("real.Dockerfile", link); err != nil {
			t.Skip(err)
		}
		for _, root := range []string{"", dir} {
			if err := fix.WriteFile(link, root, []byte(after)); !errors.Is(err, fix.ErrSymlink) {
				t.Errorf("root %q: %v, want ErrSymlink", root, err)
			}
		}
		if b, _ := os.ReadFile(target); string(b) != before {
			t.Error("the link's target was changed")
		}
		if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
			t.Error("the link was replaced")
		}
		only(t, dir, "Dockerfile", "real.Dockerfile")
	})
	t.Run("fifo", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "Dockerfile")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip(err)
		}
		// Opening a FIFO to write would wait for a reader: refused first.
		if err := fix.WriteFile(fifo, dir, []byte(after)); !errors.Is(err, safeio.ErrNotRegular) {
			t.Errorf("%v, want ErrNotRegular", err)
		}
		only(t, dir, "Dockerfile")
	})
	t.Run("outside the tree", func(t *testing.T) {
		tree, outside := t.TempDir(), t.TempDir()
		df := filepath.Join(outside, "Dockerfile")
		write(t, df, before, 0o644)
		if err := fix.WriteFile(df, tree, []byte(after)); !errors.Is(err, safeio.ErrOutside) {
			t.Errorf("a path outside the tree: %v, want ErrOutside", err)
		}
		// A directory link out of the tree: lint does not read through it
		// (os.Root), so nothing is written through it either.
		if err := os.Symlink(outside, filepath.Join(tree, "svc")); err != nil {
			t.Skip(err)
		}
		if err := fix.WriteFile(filepath.Join(tree, "svc", "Dockerfile"), tree, []byte(after)); err == nil {
			t.Error("written through a directory link out of the tree")
		}
		if b, _ := os.ReadFile(df); string(b) != before {
			t.Error("a file outside the tree was changed")
		}
		only(t, outside, "Dockerfile")
	})
	t.Run("directory", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Mkdir(filepath.Join(dir, "Dockerfile"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := fix.WriteFile(filepath.Join(dir, "Dockerfile"), "", []byte(after)); !errors.Is(err, safeio.ErrNotRegular) {
			t.Errorf("%v, want ErrNotRegular", err)
		}
	})
}
