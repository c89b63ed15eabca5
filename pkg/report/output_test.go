package report

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

func tmpFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func writeFile(t *testing.T, p, content string, mode fs.FileMode) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}

var sample = Result{File: "Dockerfile", Findings: []finding.Finding{{RuleID: "GD001", RuleName: "x", Severity: finding.Warning, File: "Dockerfile", Line: 1, EndLine: 1, Message: "m"}}}

// TestOpenRefuses: outputs that would collide, or replace what the user did
// not name as a report, are refused before anything is written.
func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	input := writeFile(t, filepath.Join(dir, "Dockerfile"), "FROM scratch\n", 0o644)
	hard := filepath.Join(dir, "hardlink")
	if err := os.Link(input, hard); err != nil {
		t.Fatal(err)
	}
	target := writeFile(t, filepath.Join(dir, "secret.txt"), "keep me", 0o600)
	link := filepath.Join(dir, "report.sarif")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.sarif")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	same := filepath.Join(dir, "same.json")
	for _, tc := range []struct {
		name string
		outs []Output
		want string
	}{
		{"unknown format", []Output{{Format: "yaml"}}, `unknown format "yaml"`},
		{"two to stdout", []Output{{Format: "tty"}, {Format: "json"}}, "only one report can go to standard output"},
		{"two to one file", []Output{{Format: "json", File: same}, {Format: "sarif", File: same}}, "two reports would be written to this file"},
		{"two to one file by another path", []Output{{Format: "json", File: same}, {Format: "sarif", File: filepath.Join(dir, ".", "x", "..", "same.json")}}, "two reports would be written to this file"},
		{"two to one device", []Output{{Format: "json", File: os.DevNull}, {Format: "sarif", File: os.DevNull}}, "two reports would be written to this file"},
		{"over the Dockerfile being linted", []Output{{Format: "json", File: input}}, "is a file being linted"},
		{"over a hard link to it", []Output{{Format: "json", File: hard}}, "is a file being linted"},
		{"through a symbolic link", []Output{{Format: "json", File: link}}, "is a symbolic link (to " + target + "); name the file itself"},
		{"through a dangling link", []Output{{Format: "json", File: dangling}}, "is a symbolic link"},
		{"a directory", []Output{{Format: "json", File: dir}}, "is a directory"},
		{"a missing directory", []Output{{Format: "json", File: filepath.Join(dir, "no", "x.json")}}, "no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout bytes.Buffer
			o, err := Open(tc.outs, &stdout, Tool{}, Options{}, []string{input})
			if err == nil {
				o.Abort()
				t.Fatalf("opened")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("the link's target changed: %q", b)
	}
	if b, _ := os.ReadFile(input); string(b) != "FROM scratch\n" {
		t.Errorf("the input changed: %q", b)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if left := tmpFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestAtomicReplaceKeepsMode: a report replaces the previous one only when
// complete, with the previous one's permissions; a new report gets the
// umask's.
func TestAtomicReplaceKeepsMode(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, filepath.Join(dir, "old.json"), "previous", 0o600)
	fresh := filepath.Join(dir, "new.json")
	o, err := Open([]Output{{Format: "json", File: old}, {Format: "sarif", File: fresh}}, nil, Tool{Name: "t"}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Write(sample); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(old); string(b) != "previous" {
		t.Errorf("replaced before Commit: %q", b)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("created before Commit: %v", err)
	}
	if err := o.Commit(Summary{Files: 1}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(old)
	if b, _ := os.ReadFile(old); !strings.HasPrefix(string(b), "{") || st.Mode().Perm() != 0o600 {
		t.Errorf("old.json: mode %v, %.40q", st.Mode().Perm(), b)
	}
	// What any new file gets under this process's umask.
	probe, err := os.OpenFile(filepath.Join(t.TempDir(), "probe"), os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := probe.Stat()
	probe.Close()
	if st, _ := os.Stat(fresh); st.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("new.json: mode %v, want %v", st.Mode().Perm(), want.Mode().Perm())
	}
	if left := tmpFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestAbortKeepsThePreviousReport: an interrupted run leaves the previous
// report as it was and no temporary file.
func TestAbortKeepsThePreviousReport(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, filepath.Join(dir, "report.json"), "previous", 0o644)
	o, err := Open([]Output{{Format: "json", File: old}}, nil, Tool{}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Write(sample)
	if len(tmpFiles(t, dir)) != 1 {
		t.Fatalf("no temporary file while writing: %v", tmpFiles(t, dir))
	}
	o.Abort()
	o.Abort() // twice is fine
	if b, _ := os.ReadFile(old); string(b) != "previous" {
		t.Errorf("report changed: %q", b)
	}
	if left := tmpFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := o.Commit(Summary{}); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if b, _ := os.ReadFile(old); string(b) != "previous" {
		t.Errorf("report changed by Commit after Abort: %q", b)
	}
}

// TestDeviceWrittenInPlace: /dev/null (and a link to a device, like
// /dev/stdout) is written through, never replaced by a file.
func TestDeviceWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "out")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{os.DevNull, link} {
		o, err := Open([]Output{{Format: "json", File: target}}, nil, Tool{}, Options{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		o.Write(sample)
		if err := o.Commit(Summary{Files: 1}); err != nil {
			t.Fatalf("%s: %v", target, err)
		}
	}
	if st, err := os.Lstat(os.DevNull); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("%s is no longer a device: %v %v", os.DevNull, st.Mode(), err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if left := tmpFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
