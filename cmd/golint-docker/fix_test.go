package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixUsageErrors: the fix, init and lsp flags that cannot work are one
// line and exit 2.
func TestFixUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fix", "--diff", clean}, "golint-docker: --fix and --diff cannot be used together"},
		{[]string{"--unsafe-fixes", clean}, "golint-docker: --unsafe-fixes goes with --fix or --diff"},
		{[]string{"init", "a", "b"}, "golint-docker init: give at most one directory; got 2"},
		{[]string{"init", "--bogus"}, "golint-docker init: unknown flag --bogus"},
		{[]string{"lsp", "--format", "json"}, "golint-docker lsp: --format does not apply"},
		{[]string{"lsp", "Dockerfile"}, `golint-docker lsp: takes no paths (got "Dockerfile")`},
	} {
		r := golint(t, "", nil, tc.args...)
		if r.code != 2 || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", tc.args, r.code, r.stdout, r.stderr, tc.want)
		}
	}
	for _, c := range []string{"init", "lsp"} {
		if r := golint(t, "", nil, "help", c); r.code != 0 || !strings.HasPrefix(r.stdout, "Usage: golint-docker "+c) {
			t.Errorf("help %s: exit %d\n%s", c, r.code, r.stdout)
		}
	}
}

const shellForm = "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/orders .\nFROM alpine:3.22\nCOPY --from=build /out/orders /orders\nENTRYPOINT /orders\n"

// TestFixCommand: --diff prints a patch that git apply would take and
// changes nothing; --fix --unsafe-fixes on stdin prints the fixed file.
func TestFixCommand(t *testing.T) {
	dir := t.TempDir()
	df := write(t, dir, "Dockerfile", shellForm)
	r := golint(t, "", nil, "--diff", "--unsafe-fixes", "--buildkit-checks=false", df)
	if b, _ := os.ReadFile(df); string(b) != shellForm {
		t.Error("--diff changed the file")
	}
	if r.code != 1 || !strings.HasPrefix(r.stdout, "--- "+df+"\n+++ "+df+"\n@@ ") || !strings.Contains(r.stdout, "+ENTRYPOINT [\"/orders\"]\n") || !strings.Contains(r.stderr, "GD020") {
		t.Errorf("--diff: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = golint(t, shellForm, nil, "--fix", "--unsafe-fixes", "--buildkit-checks=false", "--stdin-filename", df, "-")
	if !strings.Contains(r.stdout, "USER 65532:65532\nENTRYPOINT [\"/orders\"]\n") || strings.Contains(r.stdout, "linted") {
		t.Errorf("--fix on stdin: stdout:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, df+": fixed ") {
		t.Errorf("--fix on stdin: stderr:\n%s", r.stderr)
	}
}

// TestInitCommand: init writes files that lint clean, and will not
// replace them without --force.
func TestInitCommand(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "testdata", "init", "one")
	for _, n := range []string{"go.mod", "go.sum", "main.go"} {
		b, err := os.ReadFile(filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, n, string(b))
	}
	r := golint(t, "", nil, "init", "--base", "scratch", dir)
	if r.code != 0 || !strings.Contains(r.stderr, "wrote "+filepath.Join(dir, "Dockerfile")+" and "+filepath.Join(dir, ".dockerignore")) {
		t.Fatalf("init: exit %d %s", r.code, r.stderr)
	}
	if r := golint(t, "", nil, "--failure-threshold", "info", filepath.Join(dir, "Dockerfile")); r.code != 0 {
		t.Errorf("the Dockerfile init wrote: exit %d\n%s", r.code, r.stdout)
	}
	r = golint(t, "", nil, "init", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "exists: --force replaces it") {
		t.Errorf("init over existing files: exit %d %s", r.code, r.stderr)
	}
	if r := golint(t, "", nil, "init", "--force", dir); r.code != 0 {
		t.Errorf("init --force: exit %d %s", r.code, r.stderr)
	}
}

// frame is one LSP message with its Content-Length header.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// TestLSPCommand: the command speaks on stdin and stdout and exits 0 after
// shutdown and exit, 1 after an exit without shutdown.
func TestLSPCommand(t *testing.T) {
	in := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`) +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	r := golint(t, in, nil, "lsp")
	if r.code != 0 || !strings.Contains(r.stdout, `"hoverProvider":true`) || !strings.Contains(r.stdout, `"id":2,"result":null`) {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	r = golint(t, frame(`{"jsonrpc":"2.0","method":"exit"}`), nil, "lsp")
	if r.code != 1 {
		t.Errorf("exit without shutdown: exit %d", r.code)
	}
}
