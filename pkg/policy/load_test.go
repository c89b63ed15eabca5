package policy_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/policies"
)

// TestHostilePolicyDirectory: a downloaded policy directory cannot make
// golint-docker read outside it, block on a FIFO, or load a huge file.
func TestHostilePolicyDirectory(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("SECRET_TOKEN=ghp_x\n"), 0o644)
	for _, tc := range []struct {
		name  string
		setup func(dir string)
		want  string
	}{
		{"link out of the directory", func(dir string) { os.Symlink(outside, filepath.Join(dir, "x.rego")) }, "x.rego: a symbolic link to a file outside the tree"},
		{"link to /dev/zero", func(dir string) { os.Symlink("/dev/zero", filepath.Join(dir, "data.json")) }, "data.json: a symbolic link to a file outside the tree"},
		{"FIFO", func(dir string) { syscall.Mkfifo(filepath.Join(dir, "x.rego"), 0o644) }, "x.rego: not a regular file (a named pipe)"},
		{"huge module", func(dir string) {
			os.WriteFile(filepath.Join(dir, "x.rego"), []byte("package x\n# "+strings.Repeat("x", policy.MaxModuleSize)), 0o644)
		}, "x.rego: file is larger than the limit (4 MiB)"},
		{"parse error with control characters", func(dir string) {
			os.WriteFile(filepath.Join(dir, "x.rego"), []byte("package x\n\nSECRET=ghp_x \x1b]0;pwned\x07\n"), 0o644)
		}, "x.rego:3:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(dir)
			src, err := policy.DirSource(dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = policy.Load([]policy.Source{src}, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "ghp_") || strings.ContainsAny(err.Error(), "\x1b\x07") {
				t.Errorf("the error quotes the file: %q", err)
			}
		})
	}
	if _, err := policy.DirSource(outside); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file as --policy: %v", err)
	}
}

// TestUnreadData: a configuration's data key that no rule reads is named.
func TestUnreadData(t *testing.T) {
	custom := fstest.MapFS{"acme.rego": {Data: []byte(rule("acme", "deny contains {\"msg\": data.golintdocker.acme.msg, \"line\": 1}"))}}
	l, err := policy.Load([]policy.Source{{Name: "policies", FS: policies.FS, Builtin: true}, {Name: "custom", FS: custom}}, false)
	if err != nil {
		t.Fatal(err)
	}
	got := l.Unread(map[string]any{"go": 1, "images": 1, "secrets": 1, "config": 1, "acme": 1, "golang": 1, "acmee": 1})
	if strings.Join(got, ",") != "acmee,golang" {
		t.Errorf("unread: %v", got)
	}
}
