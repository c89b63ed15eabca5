package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestUsageErrors: every mistake on the command line is one line on stderr
// that names the flag or command and says what to do, exit 2, nothing on
// stdout.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // the whole line, without "\n"
	}{
		{[]string{"--bogus"}, "golint-docker: unknown flag --bogus (golint-docker --help lists the flags)"},
		{[]string{"-x"}, "golint-docker: unknown flag -x (golint-docker --help lists the flags)"},
		{[]string{"--colr", "never"}, "golint-docker: unknown flag --colr; did you mean --color?"},
		{[]string{"--jobs", "abc"}, `golint-docker: --jobs "abc": want a whole number`},
		{[]string{"--timeout", "5"}, `golint-docker: --timeout "5": want a duration with a unit, such as 500ms, 10s or 2m`},
		{[]string{"--format"}, "golint-docker: --format needs a value"},
		{[]string{"--buildkit-checks=maybe"}, `golint-docker: --buildkit-checks "maybe": want true or false`},
		{[]string{"input", "--bogus"}, "golint-docker input: unknown flag --bogus (golint-docker input --help lists the flags)"},
		{[]string{"rules", "--bogus"}, "golint-docker rules: unknown flag --bogus (golint-docker rules --help lists the flags)"},
		{[]string{"bundle", "--bogus"}, "golint-docker bundle: unknown flag --bogus (golint-docker bundle --help lists the flags)"},
		{[]string{"bundel", "-o", "x"}, `golint-docker: unknown command "bundel"; did you mean "bundle"? (commands: bundle, cache, help, init, input, lsp, rules, version)`},
		{[]string{"rule", "GD013"}, `golint-docker: unknown command "rule"; did you mean "rules"? (commands: bundle, cache, help, init, input, lsp, rules, version)`},
		{[]string{"lint", "Dockerfile"}, `golint-docker: unknown command "lint" (commands: bundle, cache, help, init, input, lsp, rules, version)`},
		{[]string{"help", "rulez"}, `golint-docker help: unknown command "rulez"; did you mean "rules"?`},
		{[]string{"version", "x"}, `golint-docker version: takes no arguments (got "x")`},
		{[]string{"--failure-threshold", "fatal", clean}, `golint-docker: --failure-threshold: unknown threshold "fatal" (want error, warning, info or none)`},
		{[]string{"--format", "yaml", clean}, "golint-docker: --format yaml: unknown format (formats: checkstyle, github, gitlab, json, junit, sarif, tty)"},
		{[]string{"--format", "tty", "--format", "json", clean}, "golint-docker: only one --format can write to stdout; give the others an --output file"},
		{[]string{"--output", "a.json", "--output", "b.json", clean}, "golint-docker: 2 --output given for 1 --format: each --output goes with the --format in the same position"},
		{[]string{"--format", "json:a.json", "--output", "b.json", clean}, "golint-docker: --format json:a.json names a file and --output gives another"},
		{[]string{"--color", "sometimes", clean}, `golint-docker: --color "sometimes": want auto, always or never`},
		{[]string{"--severity", "GD003", clean}, `golint-docker: --severity "GD003": want ID=error|warning|info`},
		{[]string{"--build-arg", "=x", clean}, `golint-docker: --build-arg "=x": want NAME=VALUE`},
		{[]string{"--context", "/no/such/dir", clean}, "golint-docker: --context /no/such/dir: no such file or directory"},
		{[]string{"--opa-url", "http://127.0.0.1:1", "--policy", "x", clean}, "golint-docker: --opa-url cannot be used with --policy: the OPA server evaluates the policy and data of the bundle it serves (build them in with golint-docker bundle)"},
		{[]string{"--opa-url", "http://127.0.0.1:1", "--trusted-registry", "r.example", clean}, "golint-docker: --opa-url cannot be used with --trusted-registry: the OPA server evaluates the policy and data of the bundle it serves (build them in with golint-docker bundle)"},
		{[]string{"--opa-url", "http://127.0.0.1:1", "--allow-net", clean}, "golint-docker: --opa-url cannot be used with --allow-net: the OPA server evaluates the policy and data of the bundle it serves (build them in with golint-docker bundle)"},
		{[]string{"--stdin-filename", "svc/Dockerfile", clean}, "golint-docker: --stdin-filename names standard input, but no PATH is -"},
		// Bounds: no zero or negative durations and sizes, no absurd --jobs.
		{[]string{"--timeout", "0", clean}, "golint-docker: --timeout 0s: must be more than zero"},
		{[]string{"--timeout", "-1s", clean}, "golint-docker: --timeout -1s: must be more than zero"},
		{[]string{"--max-memory", "0", clean}, "golint-docker: --max-memory 0: must be at least 1 (MiB)"},
		{[]string{"--max-memory", "-1", clean}, `golint-docker: --max-memory "-1": want a whole number`},
		{[]string{"--max-file-size", "0", clean}, "golint-docker: --max-file-size 0: must be more than zero"},
		{[]string{"--max-file-size", "-5", clean}, "golint-docker: --max-file-size -5: must be more than zero"},
		{[]string{"--jobs", "0", clean}, "golint-docker: --jobs 0: must be at least 1"},
		{[]string{"--jobs", "4611686018427387904", clean}, "golint-docker: --jobs 4611686018427387904: at most "},
		{[]string{"input", "--max-file-size", "0", clean}, "golint-docker input: --max-file-size 0: must be more than zero"},
		{[]string{"input"}, "golint-docker input: give exactly one Dockerfile (or - for stdin); got 0"},
		{[]string{"rules", "--format", "html"}, `golint-docker rules: --format "html": want text or markdown`},
		{[]string{"rules", "GD999"}, `golint-docker rules: no rule "GD999" (golint-docker rules lists them)`},
		{[]string{"bundle"}, "golint-docker bundle: give the output file with -o FILE.tar.gz (and no other arguments)"},
		{[]string{"cache"}, "golint-docker cache: give clean or dir"},
		{[]string{"cache", "purge"}, `golint-docker cache: unknown "purge": give clean or dir`},
		{[]string{"cache", "clean", "now"}, `golint-docker cache: clean takes no arguments (got "now")`},
		{[]string{"cache", "--bogus"}, "golint-docker cache: unknown flag --bogus (golint-docker cache --help lists the flags)"},
		{[]string{"--cache-dir", "x", "--no-cache", clean}, "golint-docker: --cache-dir and --no-cache: give one"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := golint(t, "", nil, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stdout != "" {
				t.Errorf("stdout: %q", r.stdout)
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, tc.want) {
				t.Errorf("stderr:\n%s\nwant one line starting:\n%s", r.stderr, tc.want)
			}
		})
	}
}

// TestJobsBound: --jobs up to the bound is fine, one more is refused.
func TestJobsBound(t *testing.T) {
	r := golint(t, "", nil, "--jobs", "1", clean)
	if r.code != 0 {
		t.Fatalf("--jobs 1: exit %d %s", r.code, r.stderr)
	}
	m := regexp.MustCompile(`at most (\d+) on this machine`).FindStringSubmatch(golint(t, "", nil, "--jobs", "1000000", clean).stderr)
	if m == nil {
		t.Fatal("no bound said")
	}
	if r := golint(t, "", nil, "--jobs", m[1], clean); r.code != 0 {
		t.Errorf("--jobs %s (the bound): exit %d %s", m[1], r.code, r.stderr)
	}
}

// TestHelp: help goes to stdout, exit 0, and names every command; each
// command's help too; the documents it points to exist.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"help", "help"}} {
		r := golint(t, "", nil, args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		for _, c := range commands() {
			if !strings.Contains(r.stdout, "golint-docker "+c.name) {
				t.Errorf("%v: help does not list %q:\n%s", args, c.name, r.stdout)
			}
		}
		if !strings.Contains(r.stdout, "--stdin-filename") || !strings.Contains(r.stdout, "--version") {
			t.Errorf("%v: flags missing:\n%s", args, r.stdout)
		}
	}
	docRef := regexp.MustCompile(`\b(docs/[\w./-]+|README\.md)`)
	for _, c := range []string{"input", "rules", "bundle", "cache"} {
		for _, args := range [][]string{{c, "--help"}, {"help", c}} {
			r := golint(t, "", nil, args...)
			if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "Usage: golint-docker "+c) {
				t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", args, r.code, r.stderr, r.stdout)
			}
			for _, ref := range docRef.FindAllString(r.stdout, -1) {
				if _, err := os.Stat(filepath.Join("..", "..", ref)); err != nil {
					t.Errorf("%v points to %s, which does not exist", args, ref)
				}
			}
		}
	}
	if r := golint(t, "", nil, "help", "version"); r.code != 0 || !strings.Contains(r.stdout, "golint-docker version") {
		t.Errorf("help version: %d %q", r.code, r.stdout)
	}
}

func TestVersionFlags(t *testing.T) {
	want := "golint-docker " + buildVersion() + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}, {"--version", "--format", "json"}} {
		r := golint(t, "", nil, args...)
		if r.code != 0 || r.stdout != want || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q (want %q), stderr %q", args, r.code, r.stdout, want, r.stderr)
		}
	}
}

// TestMissingDockerfileIsNotACommand: a Dockerfile's name that does not
// exist is a file error, not an unknown command.
func TestMissingDockerfileIsNotACommand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "api.Dockerfile")} {
		r := golint(t, "", nil, name)
		if r.code != 2 || strings.Contains(r.stderr, "unknown command") || !strings.Contains(r.stdout, "no such file or directory") {
			t.Errorf("%s: exit %d\n%s%s", name, r.code, r.stdout, r.stderr)
		}
	}
}
