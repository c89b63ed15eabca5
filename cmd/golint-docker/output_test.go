package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// leftovers are the temporary report files in dir.
func leftovers(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestOutputIsSafe is issue 9's "files overwritten" list: --output never
// replaces a symlink, a device, a Dockerfile being linted or a report of
// another format, and keeps a report's permissions. Every row runs the
// command, checks the exit code and the message, and that the files it must
// not touch are as they were.
func TestOutputIsSafe(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir, df string) []string // the arguments
		code  int
		msg   string
		check func(t *testing.T, dir, df string, r result)
	}{
		{
			name: "a symbolic link to a file is refused",
			setup: func(t *testing.T, dir, df string) []string {
				write(t, dir, "secret", "keep me")
				os.Symlink(filepath.Join(dir, "secret"), filepath.Join(dir, "report.sarif"))
				return []string{"--format", "sarif", "--output", filepath.Join(dir, "report.sarif"), df}
			},
			code: 2, msg: "report.sarif: is a symbolic link (to ",
			check: func(t *testing.T, dir, df string, r result) {
				if b, _ := os.ReadFile(filepath.Join(dir, "secret")); string(b) != "keep me" {
					t.Errorf("the link's target changed: %q", b)
				}
				if st, err := os.Lstat(filepath.Join(dir, "report.sarif")); err != nil || st.Mode()&fs.ModeSymlink == 0 {
					t.Errorf("the link was replaced")
				}
			},
		},
		{
			name: "a device is written in place (/dev/stdout is not replaced)",
			setup: func(t *testing.T, dir, df string) []string {
				return []string{"--format", "json", "--output", os.DevNull, df}
			},
			code: 1,
			check: func(t *testing.T, dir, df string, r result) {
				if st, err := os.Lstat(os.DevNull); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
					t.Errorf("%s is no longer a device", os.DevNull)
				}
			},
		},
		{
			name: "the Dockerfile being linted is not overwritten",
			setup: func(t *testing.T, dir, df string) []string {
				return []string{"--format", "json", "--output", df, df}
			},
			code: 2, msg: "Dockerfile: is a file being linted; the report would replace it",
		},
		{
			name: "a Dockerfile found in a directory is not overwritten",
			setup: func(t *testing.T, dir, df string) []string {
				return []string{"--format", "json:" + df, dir}
			},
			code: 2, msg: "is a file being linted",
		},
		{
			name: "two formats to one file are refused",
			setup: func(t *testing.T, dir, df string) []string {
				out := filepath.Join(dir, "out.txt")
				return []string{"--format", "json:" + out, "--format", "sarif:" + out, df}
			},
			code: 2, msg: "out.txt: two reports would be written to this file; give each its own",
			check: func(t *testing.T, dir, df string, r result) {
				if _, err := os.Stat(filepath.Join(dir, "out.txt")); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("out.txt written: %v", err)
				}
			},
		},
		{
			name: "a report keeps its permissions",
			setup: func(t *testing.T, dir, df string) []string {
				p := write(t, dir, "private.json", "old")
				os.Chmod(p, 0o600)
				return []string{"--format", "json:" + p, df}
			},
			code: 1,
			check: func(t *testing.T, dir, df string, r result) {
				st, _ := os.Stat(filepath.Join(dir, "private.json"))
				b, _ := os.ReadFile(filepath.Join(dir, "private.json"))
				if st.Mode().Perm() != 0o600 || !bytes.HasPrefix(b, []byte("{")) {
					t.Errorf("mode %v, content %.30q", st.Mode().Perm(), b)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			df := write(t, dir, "Dockerfile", mustRead(t, guide))
			r := golint(t, "", nil, tc.setup(t, dir, df)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\n%s", r.code, tc.code, r.stderr)
			}
			if tc.msg != "" && (!strings.Contains(r.stderr, tc.msg) || strings.Count(r.stderr, "\n") != 1) {
				t.Errorf("stderr %q, want one line with %q", r.stderr, tc.msg)
			}
			if b, _ := os.ReadFile(df); string(b) != mustRead(t, guide) {
				t.Errorf("the Dockerfile changed")
			}
			if left := leftovers(dir); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if tc.check != nil {
				tc.check(t, dir, df, r)
			}
		})
	}
}

// TestSignalsStopTheRun: SIGINT and SIGTERM stop a run promptly (a policy
// that would run for minutes), leave the previous report as it was, remove
// the temporary file, and exit 130 and 143.
func TestSignalsStopTheRun(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "policy/forever.rego", "# METADATA\n# title: t\n# custom:\n#   id: SLOW1\n#   severity: warning\npackage golintdocker.rules.slow_forever\n\n"+
				"deny contains {\"msg\": \"m\", \"line\": 1} if {\n\tn := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000); i != j])\n\tn < 0\n}\n")
			df := write(t, dir, "Dockerfile", mustRead(t, clean))
			report := write(t, dir, "out/report.json", "previous report")
			cmd := exec.Command(binary(t), "--policy", filepath.Join(dir, "policy"), "--timeout", "10m", "--format", "json:"+report, df)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for the report to be under way (its temporary file).
			deadline := time.Now().Add(60 * time.Second)
			for len(leftovers(filepath.Dir(report))) == 0 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("the run never started its report\n%s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond) // into the policy
			sent := time.Now()
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			took := time.Since(sent)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Errorf("exit %v, want %d\n%s", err, tc.code, stderr.String())
			}
			t.Logf("stopped %v after the signal", took)
			if took > graceAfterSignal {
				t.Errorf("took %v to stop", took)
			}
			if !strings.Contains(stderr.String(), "interrupted: no report was written (earlier reports are as they were)") {
				t.Errorf("the run did not stop by itself:\n%s", stderr.String())
			}
			if b, _ := os.ReadFile(report); string(b) != "previous report" {
				t.Errorf("the previous report changed: %.60q", b)
			}
			if left := leftovers(filepath.Dir(report)); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestOutputThroughDevStdout: --output /dev/stdout (a link to a pipe or
// terminal) writes the report there.
func TestOutputThroughDevStdout(t *testing.T) {
	if _, err := os.Stat("/dev/stdout"); err != nil {
		t.Skip("no /dev/stdout here")
	}
	out, err := exec.Command(binary(t), "--format", "json", "--output", "/dev/stdout", clean).Output()
	if err != nil || !bytes.HasPrefix(out, []byte("{")) {
		t.Errorf("%v\n%.100s", err, out)
	}
}
