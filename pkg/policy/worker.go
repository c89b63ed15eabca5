package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/util"
)

// The sandbox protocol: the parent writes a workerInit, then one
// workerRequest per Dockerfile, as JSON values on the worker's stdin; the
// worker answers each with a workerReply on its stdout. Its stderr is the
// parent's to read (a Go crash report) and is never shown to the user.

// WorkerEnv, set to workerProtocol in a process's environment, makes
// golint-docker (or a test binary that calls RunWorker from TestMain) a
// sandbox worker instead of what it normally is.
const WorkerEnv = "GOLINT_DOCKER_POLICY_WORKER"

const workerProtocol = "1"

// IsWorker reports whether this process was started as a sandbox worker.
func IsWorker() bool { return os.Getenv(WorkerEnv) == workerProtocol }

type workerInit struct {
	// Modules are every Rego module to compile, built-in and custom, by
	// path: the worker reads no file.
	Modules map[string]string `json:"modules"`
	Data    json.RawMessage   `json:"data"`
	Allow   []string          `json:"allow"`
	// Rules are the custom rule packages (data.golintdocker.rules.<key>)
	// to evaluate; the built-in ones are evaluated by the parent.
	Rules []string `json:"rules"`
}

type workerRequest struct {
	Input   json.RawMessage `json:"input"`
	Timeout time.Duration   `json:"timeout"`  // 0: none
	MaxHeap uint64          `json:"max_heap"` // bytes
}

type workerReply struct {
	Ready    bool            `json:"ready,omitempty"`
	Findings json.RawMessage `json:"findings,omitempty"`
	Error    string          `json:"error,omitempty"`
	// Kind is "compile", "timeout", "memory" or "eval" with Error.
	Kind string `json:"kind,omitempty"`
}

// RunWorker serves evaluations on r and w until r ends and returns the
// process's exit code. Call it first thing in main (and in TestMain of a
// package whose tests evaluate custom policies) when IsWorker.
func RunWorker(r io.Reader, w io.Writer) int {
	dec := json.NewDecoder(r)
	enc := json.NewEncoder(w)
	var mu sync.Mutex
	send := func(reply workerReply) error {
		mu.Lock()
		defer mu.Unlock()
		return enc.Encode(reply)
	}
	var init workerInit
	if err := dec.Decode(&init); err != nil {
		return 3
	}
	query, err := prepareWorker(init)
	if err != nil {
		send(workerReply{Kind: "compile", Error: err.Error()})
		return 0
	}
	if err := send(workerReply{Ready: true}); err != nil {
		return 3
	}
	// The address space with the rules compiled: what the memory limit of
	// each evaluation is added to.
	base := addressSpace()
	for {
		var req workerRequest
		if err := dec.Decode(&req); err != nil {
			return 0 // the parent closed our stdin: done
		}
		if err := send(serve(query, req, base, send)); err != nil {
			return 3
		}
	}
}

// stuckGrace is how long an evaluation may take to notice that its time or
// memory is up before the worker answers for it and exits: a built-in
// function (bits.lsh(1, 1e8), a huge numbers.range) does not look at the
// context while it runs.
const stuckGrace = 100 * time.Millisecond

func prepareWorker(init workerInit) (rego.PreparedEvalQuery, error) {
	modules := map[string]*ast.Module{}
	for path, src := range init.Modules {
		m, err := ast.ParseModuleWithOpts(path, src, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return rego.PreparedEvalQuery{}, err
		}
		modules[path] = m
	}
	compiler, err := compile(modules, Capabilities(init.Allow), false)
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	var data map[string]any
	if err := util.UnmarshalJSON(init.Data, &data); err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	names, err := json.Marshal(init.Rules)
	if err != nil {
		return rego.PreparedEvalQuery{}, err
	}
	// The findings of the custom rules only, built by the same functions
	// as data.golintdocker.findings (a rule off by default included).
	q := fmt.Sprintf("x := [f | some name in %s; some d in data.golintdocker.rules[name].deny; data.golintdocker.enabled(name); f := data.golintdocker.make_finding(name, d)]", names)
	return rego.New(
		rego.Query(q),
		rego.Compiler(compiler),
		rego.Store(inmem.NewFromObjectWithOpts(data, inmem.OptRoundTripOnWrite(false))),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(context.Background())
}

// serve evaluates one request within its limits. Rego stops between steps
// when its context is done; a built-in function that does not return is
// answered for after stuckGrace, and the process exits (the parent starts
// another). A single allocation too large for the address-space limit
// (limitMemory) ends the process with Go's out-of-memory error, which the
// parent reports as the memory limit.
func serve(query rego.PreparedEvalQuery, req workerRequest, base uint64, send func(workerReply) error) (reply workerReply) {
	defer func() {
		if r := recover(); r != nil {
			reply = workerReply{Kind: "eval", Error: fmt.Sprintf("internal error in the policy sandbox: %v", r)}
		}
	}()
	limitMemory(base, req.MaxHeap)
	var input any
	if err := util.UnmarshalJSON(req.Input, &input); err != nil {
		return workerReply{Kind: "eval", Error: err.Error()}
	}
	ctx := context.Background()
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	ctx, stop := watchHeap(ctx, req.MaxHeap)
	defer stop()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		select {
		case <-finished:
			return
		case <-time.After(stuckGrace):
		}
		send(limitReply(ctx, nil, req))
		os.Exit(0)
	}()
	rs, err := query.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		return limitReply(ctx, err, req)
	}
	var findings any = []any{}
	if len(rs) == 1 {
		findings = rs[0].Bindings["x"]
	}
	raw, err := json.Marshal(findings)
	if err != nil {
		return workerReply{Kind: "eval", Error: err.Error()}
	}
	return workerReply{Findings: raw}
}

// limitReply says which limit stopped the evaluation, or how it failed.
func limitReply(ctx context.Context, err error, req workerRequest) workerReply {
	if err == nil {
		err = context.Cause(ctx)
	}
	err = limitError(ctx, err, req.Timeout, req.MaxHeap)
	kind := "eval"
	switch {
	case errors.Is(err, ErrTimeout):
		kind = "timeout"
	case errors.Is(err, ErrMemory):
		kind = "memory"
	}
	return workerReply{Kind: kind, Error: err.Error()}
}
