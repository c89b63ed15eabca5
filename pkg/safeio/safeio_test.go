package safeio

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func write(t *testing.T, p, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "repo")
	outside := write(t, filepath.Join(dir, "secret"), "SECRET_TOKEN=ghp_x\n")
	df := write(t, filepath.Join(tree, "Dockerfile"), "FROM scratch\n")
	write(t, filepath.Join(tree, "big"), strings.Repeat("x", 2000))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink("Dockerfile", filepath.Join(tree, "Dockerfile.same")))
	must(os.MkdirAll(filepath.Join(tree, "sub"), 0o755))
	must(os.Symlink("../Dockerfile", filepath.Join(tree, "sub", "Dockerfile")))
	must(os.Symlink(outside, filepath.Join(tree, "Dockerfile.abs")))
	must(os.Symlink("../secret", filepath.Join(tree, "Dockerfile.rel")))
	must(os.Symlink("/proc/self/environ", filepath.Join(tree, "Dockerfile.env")))
	must(os.Symlink("/dev/zero", filepath.Join(tree, "Dockerfile.zero")))
	must(os.Symlink(df, filepath.Join(tree, "Dockerfile.absinside")))
	fifo := filepath.Join(tree, "Dockerfile.fifo")
	must(syscall.Mkfifo(fifo, 0o644))

	for _, tc := range []struct {
		name, path, root string
		want             string // content, or the error
		err              error
	}{
		{"plain file", df, tree, "FROM scratch\n", nil},
		{"link inside the tree", filepath.Join(tree, "Dockerfile.same"), tree, "FROM scratch\n", nil},
		{"link up to the tree", filepath.Join(tree, "sub", "Dockerfile"), tree, "FROM scratch\n", nil},
		{"absolute link out", filepath.Join(tree, "Dockerfile.abs"), tree, "", ErrOutside},
		{"relative link out", filepath.Join(tree, "Dockerfile.rel"), tree, "", ErrOutside},
		{"link to the environment", filepath.Join(tree, "Dockerfile.env"), tree, "", ErrOutside},
		{"absolute link inside (os.Root refuses absolute links)", filepath.Join(tree, "Dockerfile.absinside"), tree, "", ErrOutside},
		{"path outside the root", outside, tree, "", ErrOutside},
		{"named file anywhere", filepath.Join(tree, "Dockerfile.abs"), "", "SECRET_TOKEN=ghp_x\n", nil},
		{"named /proc file", filepath.Join(tree, "Dockerfile.env"), "", "", ErrNotRegular},
		{"named device", filepath.Join(tree, "Dockerfile.zero"), "", "", ErrNotRegular},
		{"FIFO", fifo, tree, "", ErrNotRegular},
		{"named FIFO", fifo, "", "", ErrNotRegular},
		{"directory", filepath.Join(tree, "sub"), "", "", ErrNotRegular},
		{"too large", filepath.Join(tree, "big"), tree, "", ErrTooLarge},
		{"missing", filepath.Join(tree, "nope"), tree, "", fs.ErrNotExist},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if runtime.GOOS != "linux" && strings.Contains(tc.name, "/proc") {
				t.Skip("Linux only")
			}
			start := time.Now()
			got, err := ReadFile(tc.path, 1000, tc.root)
			if time.Since(start) > time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				if strings.Contains(err.Error(), "ghp_") || strings.Contains(err.Error(), tc.path) {
					t.Errorf("error leaks content or repeats the path: %v", err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestIsRegular(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "repo")
	outside := write(t, filepath.Join(dir, "go.sum"), "")
	write(t, filepath.Join(tree, "go.sum"), "")
	os.MkdirAll(filepath.Join(tree, "vendor"), 0o755)
	os.Symlink("go.sum", filepath.Join(tree, "inside.sum"))
	os.Symlink(outside, filepath.Join(tree, "abs.sum"))
	os.Symlink("../go.sum", filepath.Join(tree, "rel.sum"))
	os.Symlink("/dev/null", filepath.Join(tree, "null.sum"))
	syscall.Mkfifo(filepath.Join(tree, "fifo.sum"), 0o644)
	for name, want := range map[string]bool{
		"go.sum": true, "inside.sum": true, "abs.sum": false, "rel.sum": false,
		"null.sum": false, "fifo.sum": false, "vendor": false, "missing.sum": false,
	} {
		if got := IsRegular(filepath.Join(tree, name), tree); got != want {
			t.Errorf("IsRegular(%s) = %v, want %v", name, got, want)
		}
	}
	if IsRegular(outside, tree) {
		t.Error("a path outside the root")
	}
	if !IsRegular(filepath.Join(tree, "abs.sum"), "") {
		t.Error("without a root, a link is followed anywhere")
	}
}

func TestReadAllDeadline(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Write([]byte("FROM scratch\n")) // and never closed
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = ReadAll(ctx, r, 1<<20)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "policies")
	write(t, filepath.Join(tree, "a.rego"), "package a\n")
	write(t, filepath.Join(dir, "secret"), "root:x:0:0\n")
	os.Symlink("a.rego", filepath.Join(tree, "b.rego"))
	os.Symlink("../secret", filepath.Join(tree, "c.rego"))
	syscall.Mkfifo(filepath.Join(tree, "d.rego"), 0o644)
	os.Symlink("/dev/zero", filepath.Join(tree, "e.rego"))
	write(t, filepath.Join(tree, "f.rego"), strings.Repeat("#", 200))
	fsys, err := DirFS(tree, 100)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil || len(entries) != 6 {
		t.Fatalf("ReadDir: %v %v", entries, err)
	}
	for name, want := range map[string]error{"a.rego": nil, "b.rego": nil, "c.rego": ErrOutside, "d.rego": ErrNotRegular, "e.rego": ErrOutside, "f.rego": ErrTooLarge} {
		data, err := fs.ReadFile(fsys, name)
		if want == nil {
			if err != nil || string(data) != "package a\n" {
				t.Errorf("%s: %q %v", name, data, err)
			}
			continue
		}
		if !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", name, err, want)
		}
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, tabs\tand ünïcödé": "plain text, tabs\tand ünïcödé",
		"\x1b]0;pwned\x07title":         `\x1b]0;pwned\x07title`,
		"line\nbreak\r\n":               `line\nbreak\r\n`,
		"nul\x00del\x7f":                `nul\x00del\x7f`,
		"bad \xff\xfe utf8":             `bad \xff\xfe utf8`,
		"c1 \u009b31m":                  `c1 \u009b31m`,
		"trojan \u202egnp.exe":          `trojan \u202egnp.exe`,
		"zero\u200bwidth":               `zero\u200bwidth`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Excerpt("SECRET_TOKEN=ghp_0123456789abcdef\x1b[2J", 16); got != "SECRET_TOKEN=ghp…" {
		t.Errorf("Excerpt = %q", got)
	}
}

func TestHTTPURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/rules/X1":      "https://example.com/rules/X1",
		"http://wiki.example.com/x":         "http://wiki.example.com/x",
		"javascript:alert(document.cookie)": "",
		"JavaScript:alert(1)":               "",
		"file:///etc/passwd":                "",
		"data:text/html,<script>":           "",
		"//example.com/x":                   "",
		"":                                  "",
	} {
		if got := HTTPURL(in); got != want {
			t.Errorf("HTTPURL(%q) = %q, want %q", in, got, want)
		}
	}
}
