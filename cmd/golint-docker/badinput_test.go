package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/testenv"
	"github.com/golint-docker/golint-docker/pkg/testgen"
)

// failingReader gives some bytes, then fails: stdin closed in the middle.
type failingReader struct{ data []byte }

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.ErrUnexpectedEOF
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds golint-docker once for the tests that must run it as
// another user.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "golint-docker-bin")
		if err != nil {
			binErr = err
			return
		}
		os.Chmod(dir, 0o755) // runnable by the unprivileged user below
		binPath = filepath.Join(dir, "golint-docker")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("%v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// asNobody runs the binary as uid/gid 65534 when the tests run as root
// (where file modes do not deny anything), as the current user otherwise.
func asNobody(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), out.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, out.String()
}

type jsonReport struct {
	Files []struct {
		File  string `json:"file"`
		Error *struct {
			Line    int    `json:"line"`
			Message string `json:"message"`
		} `json:"error"`
		Findings []struct {
			RuleID string `json:"rule_id"`
			Line   int    `json:"line"`
		} `json:"findings"`
	} `json:"files"`
}

// TestBadInput is the matrix of broken and hostile inputs. Every row runs
// together with a good Dockerfile: the row gives its exit code and a one-line
// message naming the file (and the line where there is one), there is no
// panic or stack trace, and the good file is still linted and reported.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good/Dockerfile", mustRead(t, clean))
	write(t, dir, "good/.dockerignore", ".git\n")
	rng := rand.New(rand.NewSource(1))
	garbage := make([]byte, 4096)
	rng.Read(garbage)

	longRun := func() string {
		var b strings.Builder
		b.WriteString("FROM alpine:3.22\nRUN echo start \\\n")
		for i := 0; i < 100000; i++ {
			fmt.Fprintf(&b, "  && echo line %d \\\n", i)
		}
		b.WriteString("  && echo done\n")
		return b.String()
	}
	tenMB := string(testgen.BigBuild(10 << 20))

	type row struct {
		name    string
		content *string // the bad file's bytes (nil: no file, or made by setup)
		setup   func(t *testing.T, bad string) []string
		args    []string
		stdin   io.Reader
		code    int
		msg     []string // in the message about the bad file (code 2), else on stderr
		line    int      // the line the error names (0: none)
		stress  bool     // slow or load-sensitive: make test-stress only
	}
	str := func(s string) *string { return &s }
	rows := []row{
		{name: "empty file", content: str(""), code: 2, msg: []string{"no instructions"}},
		{name: "only comments", content: str("# syntax=docker/dockerfile:1\n# nothing here\n\n# at all\n"), code: 2, msg: []string{"no instructions"}, line: 4},
		{name: "binary garbage", content: str(string(garbage)), code: 2, msg: []string{"NUL byte"}, line: 1 + bytes.Count(garbage[:bytes.IndexByte(garbage, 0)], []byte("\n"))},
		{name: "NUL bytes", content: str("FROM alpine:3.22\x00\nRUN echo \x00 hi\n"), code: 2, msg: []string{"NUL byte"}, line: 1},
		{name: "invalid UTF-8", content: str("FROM alpine:3.22\nRUN echo \xff\xfe \xc3\x28\nUSER nobody\n"), code: 0, msg: []string{"line 2 is not valid UTF-8"}},
		{name: "UTF-8 BOM", content: str("\xef\xbb\xbfFROM golang:1.27\nRUN go build -o /app .\n"), code: 1},
		{name: "CRLF line endings", content: str("FROM golang:1.27-alpine AS build\r\nRUN CGO_ENABLED=0 go build \\\r\n    -o /app .\r\nFROM scratch\r\nCOPY --from=build /app /app\r\nENTRYPOINT [\"/app\"]\r\n"), code: 1},
		{name: "10 MB Dockerfile over the default limit", content: &tenMB, code: 2, msg: []string{"larger than the limit", "--max-file-size"}},
		{name: "10 MB Dockerfile with a raised limit", setup: func(t *testing.T, bad string) []string {
			// go.mod and go.sum beside it make its folder the build context.
			for name, content := range map[string]string{"Dockerfile": tenMB, "go.mod": "module m\n", "go.sum": ""} {
				write(t, filepath.Dir(bad), name, content)
			}
			return []string{bad}
		}, args: []string{"--max-file-size", "20000000"}, code: 1, stress: true},
		{name: "100,000-line RUN continuation", content: str(longRun()), code: 0},
		{name: "10,000 stages", content: str(string(testgen.ChainedStages(10000))), code: 0, msg: []string{"BuildKit's checks skipped: 20000 instructions"}},
		{name: "unterminated heredoc", content: str("FROM alpine:3.22\nRUN <<EOF\necho never closed\n"), code: 2, msg: []string{"unterminated heredoc"}, line: 2},
		{name: "unknown instruction", content: str("FROM alpine:3.22\nRUNN echo typo\n"), code: 2, msg: []string{"unknown instruction: RUNN"}, line: 2},
		{name: "FROM missing", content: str("WORKDIR /app\nRUN echo\n"), code: 2, msg: []string{"before the first FROM"}, line: 1},
		{name: "bad escape directive", content: str("# escape=x\nFROM alpine:3.22\n"), code: 2, msg: []string{"invalid escape token"}, line: 1},
		{name: "JSON form that is not JSON", content: str("FROM alpine:3.22\nUSER nobody\nCMD [\"/app\", 'serve']\n"), code: 1},
		{name: "ARG cycle", content: str("ARG A=$B\nARG B=$A\nFROM alpine:${A}${B}3.22\nUSER nobody\n"), code: 0},
		{name: "missing file", setup: func(t *testing.T, bad string) []string { return []string{bad} }, code: 2, msg: []string{"no such file or directory"}},
		{name: "directory with no Dockerfile", setup: func(t *testing.T, bad string) []string {
			os.MkdirAll(filepath.Join(bad, "src"), 0o755)
			os.WriteFile(filepath.Join(bad, "src", "main.go"), []byte("package main\n"), 0o644)
			return []string{bad}
		}, code: 2, msg: []string{"no Dockerfile found"}},
		{name: "symlink loop", setup: func(t *testing.T, bad string) []string {
			os.MkdirAll(bad, 0o755)
			os.Symlink("Dockerfile", filepath.Join(bad, "Dockerfile")) // points at itself
			os.Symlink(".", filepath.Join(bad, "again"))               // a directory loop, not followed
			return []string{bad}
		}, code: 2, msg: []string{"too many levels of symbolic links"}},
		{name: "stdin closed early", args: []string{"-"}, stdin: &failingReader{data: []byte("FROM alpine:3.22\nRUN echo ")}, code: 2, msg: []string{"<stdin>", "unexpected EOF"}},
	}
	for i, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			if r.stress {
				testenv.Stress(t)
			}
			bad := filepath.Join(dir, fmt.Sprintf("row%d", i), "Dockerfile")
			args := append([]string{"--format", "json"}, r.args...)
			switch {
			case r.setup != nil:
				args = append(args, r.setup(t, bad)...)
			case r.content != nil:
				write(t, filepath.Dir(bad), "Dockerfile", *r.content)
				args = append(args, bad)
			}
			args = append(args, good)
			stdin := r.stdin
			if stdin == nil {
				stdin = strings.NewReader("")
			}
			start := time.Now()
			var out, errb bytes.Buffer
			code := run(context.Background(), args, env{stdin: stdin, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
			elapsed := time.Since(start)
			if code != r.code {
				t.Errorf("exit %d, want %d\nstderr: %s\nstdout: %.2000s", code, r.code, errb.String(), out.String())
			}
			all := out.String() + errb.String()
			for _, bad := range []string{"panic", "goroutine ", "internal error", ".go:"} {
				if strings.Contains(all, bad) {
					t.Errorf("output contains %q:\n%.3000s", bad, all)
				}
			}
			var rep jsonReport
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("output is not the JSON report: %v\n%.2000s\n%s", err, out.String(), errb.String())
			}
			var goodSeen bool
			for _, f := range rep.Files {
				if f.File == good {
					goodSeen = f.Error == nil
				}
			}
			if !goodSeen {
				t.Errorf("the good file was not linted and reported: %+v", rep.Files)
			}
			if r.code != 2 {
				for _, want := range r.msg {
					if !strings.Contains(errb.String(), "row") || !strings.Contains(errb.String(), want) {
						t.Errorf("stderr %q does not say %q naming the file", errb.String(), want)
					}
				}
			}
			if r.code == 2 {
				var msg string
				var line int
				for _, f := range rep.Files {
					if f.File != good && f.Error != nil {
						msg, line = f.File+": "+f.Error.Message, f.Error.Line
					}
				}
				if msg == "" {
					t.Fatalf("no error reported for the bad input:\n%s", out.String())
				}
				if strings.Contains(msg, "\n") {
					t.Errorf("message is not one line: %q", msg)
				}
				if !strings.Contains(msg, "row") && !strings.Contains(msg, "<stdin>") {
					t.Errorf("message does not name the file: %q", msg)
				}
				for _, want := range r.msg {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q lacks %q", msg, want)
					}
				}
				if line != r.line {
					t.Errorf("error on line %d, want %d (%s)", line, r.line, msg)
				}
			}
			t.Logf("%s: exit %d in %v", r.name, code, elapsed.Round(time.Millisecond))
		})
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBadInputPermissions: a Dockerfile and a configuration file that cannot
// be read, as a user the file modes apply to.
func TestBadInputPermissions(t *testing.T) {
	// t.TempDir's parent is private to this user: the other user must reach it.
	dir, err := os.MkdirTemp("", "golint-docker-perm")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	good := write(t, dir, "good/Dockerfile", mustRead(t, clean))
	locked := write(t, dir, "locked/Dockerfile", "FROM alpine:3.22\n")
	os.Chmod(locked, 0o000)
	for _, d := range []string{filepath.Dir(good), filepath.Dir(locked)} {
		os.Chmod(d, 0o755)
	}
	code, out := asNobody(t, "--format", "json", locked, good)
	if code != 2 || !strings.Contains(out, "permission denied") || !strings.Contains(out, `"file": "`+locked+`"`) {
		t.Errorf("unreadable Dockerfile: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, `"file": "`+good+`",`+"\n      \"error\": null") {
		t.Errorf("the good file was not linted:\n%s", out)
	}
	cfg := write(t, dir, "cfg.yaml", "ignore: [GD017]\n")
	os.Chmod(cfg, 0o000)
	code, out = asNobody(t, "--config", cfg, good)
	if code != 2 || !strings.Contains(out, "cfg.yaml: permission denied") || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("unreadable config: exit %d\n%s", code, out)
	}
}

func TestBadConfigTypes(t *testing.T) {
	dir := t.TempDir()
	cfg := write(t, dir, "cfg.yaml", "ignore: GD017\nseverity:\n  GD001: fatal\n")
	r := golint(t, "", nil, "--config", cfg, clean)
	if r.code != 2 || !strings.Contains(r.stderr, "cfg.yaml:1: ignore: Invalid type. Expected: array, given: string") || !strings.Contains(r.stderr, "cfg.yaml:3: severity.GD001") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestPolicyFaults: custom policies that fail at run time, never finish or
// grow without bound give a clear error naming the policy, within
// --timeout, with memory bounded; the built-in rules are unaffected.
func TestPolicyFaults(t *testing.T) {
	header := func(id, pkg string) string {
		return "# METADATA\n# title: t\n# custom:\n#   id: " + id + "\n#   severity: warning\npackage golintdocker.rules." + pkg + "\n\n"
	}
	for _, tc := range []struct {
		name, rego string
		want       []string
		maxRSSMiB  int64
		args       []string
		stress     bool // slow or load-sensitive: make test-stress only
	}{
		{"conflicting values", header("BAD1", "bad_conflict") +
			"x := 1 if input.stages[0]\n\nx := 2 if input.final_stage >= 0\n\ndeny contains {\"msg\": \"m\", \"line\": x}\n",
			[]string{"conflict.rego:10: rule data.golintdocker.rules.bad_conflict.x produced conflicting values", "1 at "}, 0, nil, false},
		{"never finishes", header("BAD2", "bad_forever") +
			"deny contains {\"msg\": \"m\", \"line\": 1} if {\n\tn := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000); i != j])\n\tn < 0\n}\n",
			[]string{"timed out after 2s"}, 0, nil, false},
		{"huge set", header("BAD3", "bad_huge") +
			"deny contains {\"msg\": \"m\", \"line\": 1} if {\n\ts := {sprintf(\"%d-%d-padding-padding-padding\", [i, j]) | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000)}\n\tcount(s) < 0\n}\n",
			[]string{"stopped: the heap grew past 200 MiB"}, 600, []string{"--max-memory", "200", "--timeout", "60s"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.stress {
				testenv.Stress(t)
			}
			dir, err := os.MkdirTemp("", "golint-docker-policy")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(dir)
			name := strings.Fields(tc.name)[0]
			if name == "conflicting" {
				name = "conflict"
			}
			write(t, dir, name+".rego", tc.rego)
			bin := binary(t)
			start := time.Now()
			args := append([]string{"--policy", dir, "--timeout", "2s", "--format", "json"}, tc.args...)
			cmd := exec.Command(bin, append(args, clean)...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The kernel's maxrss of a child counts the parent's memory at
			// fork time; VmHWM of the process itself does not.
			hwm := make(chan int64, 1)
			go func() { hwm <- peakRSS(cmd.Process.Pid) }()
			err = cmd.Wait()
			elapsed := time.Since(start)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Fatalf("want exit 2, got %v\n%s", err, out.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			// A wall-clock bound holds only on a machine that is not busy.
			if tc.args == nil && os.Getenv(testenv.StressEnv) == "1" && elapsed > 8*time.Second {
				t.Errorf("took %v with --timeout 2s", elapsed)
			}
			if tc.maxRSSMiB > 0 {
				rss := <-hwm / 1024
				t.Logf("peak RSS %d MiB", rss)
				if rss > tc.maxRSSMiB {
					t.Errorf("peak RSS %d MiB, want at most %d", rss, tc.maxRSSMiB)
				}
			}
		})
	}
}

// TestExplicitBudgetIsNotScaled: the default --timeout grows with files over
// 1 MB (limits.Budget), a --timeout the user gives does not.
func TestExplicitBudgetIsNotScaled(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "forever.rego", "# METADATA\n# title: t\n# custom:\n#   id: BAD2\n#   severity: warning\npackage golintdocker.rules.bad_forever\n\n"+
		"deny contains {\"msg\": \"m\", \"line\": 1} if {\n\tn := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000); i != j])\n\tn < 0\n}\n")
	var b strings.Builder
	b.WriteString("FROM golang:1.27-alpine AS build\n")
	for b.Len() < 2<<20 {
		b.WriteString("LABEL org.example.step=\"a step of a very long build\"\n")
	}
	big := write(t, dir, "Dockerfile", b.String())
	out, err := exec.Command(binary(t), "--policy", dir, "--timeout", "2s", "--buildkit-checks=false", "--format", "json", big).CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("want exit 2, got %v\n%.2000s", err, out)
	}
	if !strings.Contains(string(out), "timed out after 2s ") {
		t.Errorf("want the policy stopped after the 2s given, got:\n%.2000s", out)
	}
}

// peakRSS follows /proc/PID/status until the process is gone and returns
// the last VmHWM seen, in KiB.
func peakRSS(pid int) int64 {
	var peak int64
	for {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err != nil {
			return peak
		}
		peak = max(peak, testenv.VmHWM(raw)>>10)
		for _, line := range strings.Split(string(raw), "\n") {
			if strings.HasPrefix(line, "State:") && strings.Contains(line, "Z (zombie)") {
				return peak
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
}
