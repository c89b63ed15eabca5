package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The sandbox evaluates custom policies in child processes (the
// golint-docker binary itself, re-executed with WorkerEnv set): OPA checks
// for cancellation only between evaluation steps, so a built-in function
// that runs for minutes or allocates terabytes can only be stopped from
// outside. Each worker compiles the rules once and serves many files; a
// worker that hits a limit is killed or exits, and the next file gets a
// fresh one.

// killGrace is how long past its deadline a worker may take to answer
// before it is killed. The worker answers for a stuck evaluation itself
// after stuckGrace; this is for a worker that cannot.
const killGrace = time.Second

// startTimeout bounds a worker's start: compiling the rules takes a second.
const startTimeout = 2 * time.Minute

type sandbox struct {
	exe  string
	env  []string
	init []byte
	// pool holds one entry per worker slot: an idle worker, or nil for a
	// slot with no process (started on demand).
	pool   chan *worker
	closed atomic.Bool
}

type worker struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	replies chan workerReply // closed when the worker's stdout ends
	stderr  *tail
	done    chan struct{} // closed when the process has been waited for
}

// startSandbox starts the first worker, which compiles the rules: a
// compile error is the policy's error.
func startSandbox(ctx context.Context, l *Loaded, data map[string]any, opt Options) (*sandbox, error) {
	init := workerInit{Modules: map[string]string{}, Allow: opt.Allow}
	for _, f := range l.Files {
		if !f.Test {
			init.Modules[f.Path] = string(f.Raw)
		}
	}
	for _, r := range l.Rules {
		if r.Source != BuiltinSource {
			init.Rules = append(init.Rules, key(r))
		}
	}
	var err error
	if init.Data, err = json.Marshal(data); err != nil {
		return nil, err
	}
	raw, err := json.Marshal(init)
	if err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("policy sandbox: %w", err)
	}
	s := &sandbox{exe: exe, init: raw, env: workerEnv(opt.Allow)}
	n := opt.Workers
	if n <= 0 {
		n = max(1, runtimeProcs())
	}
	s.pool = make(chan *worker, n)
	w, err := s.start(ctx)
	if err != nil {
		return nil, err
	}
	s.pool <- w
	for i := 1; i < n; i++ {
		s.pool <- nil
	}
	return s, nil
}

// workerEnv is the environment of a worker: none of the user's (the CI
// job's secrets live there) unless policies may read it.
func workerEnv(allow []string) []string {
	env := []string{WorkerEnv + "=" + workerProtocol}
	for _, a := range allow {
		if a == "all" || a == string(Env) || a == "opa.runtime" || a == string(Net) || a == "http.send" {
			// opa.runtime reads it; http.send wants the proxy settings.
			return append(os.Environ(), env...)
		}
	}
	return env
}

func (s *sandbox) start(ctx context.Context) (*worker, error) {
	// -test.run=^$: a test binary whose TestMain does not call RunWorker
	// runs no test (and answers nothing) instead of all of them again.
	cmd := exec.Command(s.exe, "-test.run=^$")
	cmd.Env = s.env
	cmd.Dir = os.TempDir()
	setDeathSignal(cmd)
	w := &worker{cmd: cmd, stderr: &tail{max: 4 << 10}, replies: make(chan workerReply, 1), done: make(chan struct{})}
	cmd.Stderr = w.stderr
	var err error
	if w.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("policy sandbox: %w", err)
	}
	go func() {
		defer close(w.replies)
		dec := json.NewDecoder(stdout)
		for {
			var r workerReply
			if err := dec.Decode(&r); err != nil {
				return
			}
			w.replies <- r
		}
	}()
	go func() {
		cmd.Wait()
		close(w.done)
	}()
	if _, err := w.stdin.Write(s.init); err != nil {
		w.kill()
		return nil, fmt.Errorf("policy sandbox did not start: %s", w.death())
	}
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case r, ok := <-w.replies:
		switch {
		case !ok:
			return nil, fmt.Errorf("policy sandbox did not start: %s", w.death())
		case r.Kind == "compile":
			w.kill()
			if strings.Contains(r.Error, " is not allowed: ") {
				return nil, fmt.Errorf("%s%w", r.Error, quiet{ErrNotAllowed})
			}
			return nil, errors.New(r.Error)
		case !r.Ready:
			w.kill()
			return nil, fmt.Errorf("policy sandbox did not start: %s", r.Error)
		}
		return w, nil
	case <-timer.C:
		w.kill()
		return nil, fmt.Errorf("policy sandbox did not start within %s", startTimeout)
	case <-ctx.Done():
		w.kill()
		return nil, ctx.Err()
	}
}

// eval evaluates the custom rules on input within timeout (0: none) and
// maxHeap, and returns the raw findings.
func (s *sandbox) eval(ctx context.Context, input ast.Value, timeout time.Duration, maxHeap uint64) (json.RawMessage, error) {
	v, err := ast.JSON(input)
	if err != nil {
		return nil, err
	}
	doc, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	req, err := json.Marshal(workerRequest{Input: doc, Timeout: timeout, MaxHeap: maxHeap})
	if err != nil {
		return nil, err
	}
	var w *worker
	select {
	case w = <-s.pool:
	case <-ctx.Done():
		return nil, s.stopped(ctx, timeout)
	}
	if w == nil {
		if w, err = s.start(ctx); err != nil {
			s.pool <- nil
			return nil, err
		}
	}
	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout + killGrace)
		defer t.Stop()
		deadline = t.C
	}
	if _, err := w.stdin.Write(req); err != nil {
		s.discard(w)
		return nil, fmt.Errorf("policy sandbox: %s", w.death())
	}
	select {
	case r, ok := <-w.replies:
		if !ok {
			s.discard(w)
			return nil, w.deathError(maxHeap)
		}
		if r.Kind == "timeout" || r.Kind == "memory" {
			// Its heap is spent, or it is about to exit: a fresh one for
			// the next file.
			s.discard(w)
		} else {
			s.pool <- w
		}
		if r.Error != "" {
			return nil, replyError(r)
		}
		return r.Findings, nil
	case <-deadline:
		s.discard(w)
		return nil, timeoutError(timeout)
	case <-ctx.Done():
		s.discard(w)
		return nil, s.stopped(ctx, timeout)
	}
}

func (s *sandbox) stopped(ctx context.Context, timeout time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return timeoutError(timeout)
	}
	return ctx.Err()
}

func replyError(r workerReply) error {
	switch r.Kind {
	case "timeout":
		return fmt.Errorf("%w%s", ErrTimeout, strings.TrimPrefix(r.Error, ErrTimeout.Error()))
	case "memory":
		return fmt.Errorf("%w%s", ErrMemory, strings.TrimPrefix(r.Error, ErrMemory.Error()))
	}
	return errors.New(r.Error)
}

// discard kills a worker and starts another in its slot, so that the next
// file does not wait for the rules to compile.
func (s *sandbox) discard(w *worker) {
	w.kill()
	go func() {
		fresh, err := s.start(context.Background())
		if err != nil {
			fresh = nil // started again on demand, with the error then
		}
		if fresh != nil && s.closed.Load() {
			fresh.kill()
			fresh = nil
		}
		s.pool <- fresh
	}()
}

func (s *sandbox) close() {
	s.closed.Store(true)
	for {
		select {
		case w := <-s.pool:
			if w != nil {
				w.stdin.Close()
				w.kill()
			}
		default:
			return
		}
	}
}

func (w *worker) kill() {
	w.cmd.Process.Kill()
	<-w.done
}

// death describes how a worker ended, without its stack dump.
func (w *worker) death() string {
	<-w.done
	if st := w.cmd.ProcessState; st != nil {
		return st.String()
	}
	return "it stopped"
}

// deathError is the error for a worker that died during an evaluation: Go
// ends a process whose allocation the operating system refuses with "fatal
// error: runtime: out of memory", and that is the memory limit at work.
func (w *worker) deathError(maxHeap uint64) error {
	how := w.death()
	out := w.stderr.String()
	for _, sign := range []string{"out of memory", "cannot allocate memory", "failed to create new OS thread", "signal: killed"} {
		if strings.Contains(out, sign) || strings.Contains(how, sign) {
			return fmt.Errorf("%w: a rule needed more memory than %d MiB allows", ErrMemory, maxHeap>>20)
		}
	}
	if os.Getenv("GOLINT_DOCKER_DEBUG_SANDBOX") != "" {
		fmt.Fprintf(os.Stderr, "%s\n", out)
	}
	return fmt.Errorf("the policy sandbox stopped during evaluation (%s)", how)
}

// tail keeps the first and the last max bytes written to it: a Go crash
// report starts with its cause and goes on with every goroutine's stack.
type tail struct {
	mu         sync.Mutex
	max        int
	head, last bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - t.head.Len(); room > 0 {
		t.head.Write(p[:min(room, len(p))])
	}
	t.last.Write(p)
	if extra := t.last.Len() - t.max; extra > 0 {
		t.last.Next(extra)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.head.String() + "\n" + t.last.String()
}

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
