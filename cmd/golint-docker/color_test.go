package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

func TestWantColor(t *testing.T) {
	tty := func() bool { return true }
	for _, tc := range []struct {
		name     string
		mode     string
		vars     map[string]string
		terminal func() bool
		want     bool
	}{
		{"auto on a terminal", "auto", nil, tty, true},
		{"auto on a pipe", "auto", nil, nil, false},
		{"NO_COLOR", "auto", map[string]string{"NO_COLOR": "1"}, tty, false},
		{"TERM=dumb", "auto", map[string]string{"TERM": "dumb"}, tty, false},
		{"FORCE_COLOR on a pipe", "auto", map[string]string{"FORCE_COLOR": "1"}, nil, true},
		{"FORCE_COLOR wins over NO_COLOR", "auto", map[string]string{"FORCE_COLOR": "true", "NO_COLOR": "1"}, nil, true},
		{"FORCE_COLOR=0 turns it off", "auto", map[string]string{"FORCE_COLOR": "0"}, tty, false},
		{"CLICOLOR_FORCE on a pipe", "auto", map[string]string{"CLICOLOR_FORCE": "1"}, nil, true},
		{"CLICOLOR_FORCE=0 forces nothing", "auto", map[string]string{"CLICOLOR_FORCE": "0"}, nil, false},
		{"never wins over FORCE_COLOR", "never", map[string]string{"FORCE_COLOR": "1"}, tty, false},
		{"always wins over NO_COLOR", "always", map[string]string{"NO_COLOR": "1"}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := env{getenv: func(k string) string { return tc.vars[k] }, isTerminal: tc.terminal}
			if got := wantColor(tc.mode, e); got != tc.want {
				t.Errorf("wantColor = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestColorOnARealTerminal runs the binary with its stdout on a
// pseudo-terminal: --color auto colours there and not on a pipe, and
// NO_COLOR turns it off.
func TestColorOnARealTerminal(t *testing.T) {
	bin := binary(t)
	const esc = "\x1b["
	cleanEnv := func(extra ...string) []string {
		var out []string
		for _, kv := range os.Environ() {
			k, _, _ := strings.Cut(kv, "=")
			switch k {
			case "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM", "GITHUB_ACTIONS":
				continue
			}
			out = append(out, kv)
		}
		return append(append(out, "TERM=xterm-256color"), extra...)
	}
	onPTY := func(env []string) string {
		t.Helper()
		cmd := exec.Command(bin, guide)
		cmd.Env = env
		f, err := pty.Start(cmd)
		if err != nil {
			t.Skipf("no pseudo-terminal here: %v", err)
		}
		defer f.Close()
		var out bytes.Buffer
		done := make(chan struct{})
		go func() {
			io.Copy(&out, f) // ends with EIO when the child exits
			close(done)
		}()
		if err := cmd.Wait(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatal(err)
			}
		}
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the pseudo-terminal did not close")
		}
		return out.String()
	}
	if out := onPTY(cleanEnv()); !strings.Contains(out, esc) || !strings.Contains(out, "GD013") {
		t.Errorf("no colour on a terminal:\n%q", out)
	}
	if out := onPTY(cleanEnv("NO_COLOR=1")); strings.Contains(out, esc) || !strings.Contains(out, "GD013") {
		t.Errorf("colour on a terminal with NO_COLOR:\n%q", out)
	}
	pipe := func(env []string) string {
		cmd := exec.Command(bin, guide)
		cmd.Env = env
		out, err := cmd.Output()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return string(out)
	}
	if out := pipe(cleanEnv()); strings.Contains(out, esc) {
		t.Errorf("colour on a pipe:\n%q", out)
	}
	if out := pipe(cleanEnv("FORCE_COLOR=1")); !strings.Contains(out, esc) {
		t.Errorf("no colour on a pipe with FORCE_COLOR:\n%q", out)
	}
}
