package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
)

// Query is the decision that lists every finding.
const Query = "data.golintdocker.findings"

// Options configure an Engine.
type Options struct {
	// Data is merged over the data documents of the sources (e.g. the
	// supported Go versions from the config file).
	Data map[string]any
	// Allow opens the sandbox for custom policies: kinds of Access ("net",
	// "env", "clock", "files"), names of Denied functions, or "all". Empty
	// by default: custom policies are untrusted code.
	Allow []string
	// Timeout bounds one evaluation (one Dockerfile); 0 means none.
	Timeout limits.Budget[time.Duration]
	// MaxHeap stops evaluations when the heap grows past this many bytes (a
	// policy building a huge set); a Limit of 0 means
	// limits.DefaultMaxHeap.
	MaxHeap limits.Budget[uint64]
	// Workers is how many sandbox processes may evaluate custom policies at
	// once (0: GOMAXPROCS).
	Workers int
}

// Engine evaluates the built-in rules in process and custom policies (any
// rule not built in) in a sandbox: child processes whose time and memory
// are bounded by the operating system, so that a runaway built-in function
// (bits.lsh(1, 1e12)) is stopped within the limits and costs one file.
type Engine struct {
	Rules   []Rule
	byKey   map[string]*Rule
	query   rego.PreparedEvalQuery
	timeout limits.Budget[time.Duration]
	maxHeap limits.Budget[uint64]
	// The compiled built-in rules and the data, for Prepare.
	compiler *ast.Compiler
	store    storage.Store
	sandbox  *sandbox // nil without custom policies
}

// New compiles the loaded policies and prepares the findings query: the
// built-in rules here, custom ones in a first sandbox process, which
// reports their compile errors.
func New(ctx context.Context, l *Loaded, opt Options) (*Engine, error) {
	return newEngine(ctx, l, opt, nil)
}

// newEngine is New; precompiled, when set, returns the built-in rules
// compiled (NewPrecompiled) instead of l's built-in files.
func newEngine(ctx context.Context, l *Loaded, opt Options, precompiled func() (*ast.Compiler, error)) (*Engine, error) {
	data, err := l.DataDocument(opt.Data)
	if err != nil {
		return nil, err
	}
	builtin := map[string]*ast.Module{}
	var custom []string
	for _, f := range l.Files {
		if f.Test {
			continue
		}
		if f.Builtin {
			builtin[f.Path] = f.Module
		} else {
			custom = append(custom, f.Path)
		}
	}
	e := &Engine{
		Rules: l.Rules, byKey: Index(l.Rules), timeout: opt.Timeout, maxHeap: opt.MaxHeap,
		store: inmem.NewFromObjectWithOpts(data, inmem.OptRoundTripOnWrite(false)),
	}
	if e.maxHeap.Limit == 0 {
		e.maxHeap.Limit = limits.DefaultMaxHeap
	}
	started := make(chan error, 1)
	if len(custom) > 0 {
		// The sandbox compiles while the built-in rules compile here.
		go func() {
			var err error
			e.sandbox, err = startSandbox(ctx, l, data, opt)
			started <- err
		}()
	} else {
		started <- nil
	}
	// The built-in rules pass every check in their own tests (strict,
	// typed, formatted); at run time only the stages that shape the
	// compiled rules run.
	var compiler *ast.Compiler
	if precompiled != nil {
		compiler, err = precompiled()
	} else {
		compiler, err = compile(builtin, Capabilities(nil), true)
	}
	serr := <-started
	if serr != nil {
		return nil, serr
	}
	if err != nil {
		e.Close()
		return nil, err
	}
	e.compiler = compiler
	pq, err := e.Prepare(ctx, Query)
	if err != nil {
		e.Close()
		return nil, fmt.Errorf("preparing the rules: %w", err)
	}
	e.query = pq
	return e, nil
}

// compile compiles modules with what caps allows; trusted modules skip the
// stages that only check.
func compile(modules map[string]*ast.Module, caps *ast.Capabilities, trusted bool) (*ast.Compiler, error) {
	compiler := ast.NewCompiler().
		WithCapabilities(caps).
		WithEnablePrintStatements(false)
	if trusted {
		compiler = compiler.WithSkipStages(checkOnlyStages...)
	}
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, compileError(compiler.Errors)
	}
	return compiler, nil
}

// Close stops the sandbox processes.
func (e *Engine) Close() {
	if e.sandbox != nil {
		e.sandbox.close()
	}
}

// Prepare prepares query against the engine's compiled built-in rules and
// data: the findings decision, or any other document of the rules (one rule
// package's deny set, to measure it alone).
func (e *Engine) Prepare(ctx context.Context, query string) (rego.PreparedEvalQuery, error) {
	return rego.New(
		rego.Query(query),
		rego.Compiler(e.compiler),
		rego.Store(e.store),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
}

// checkOnlyStages are compiler stages that only report problems; they
// change nothing the evaluator uses.
var checkOnlyStages = []ast.StageID{
	ast.StageCheckUnusedImports,
	ast.StageCheckKeywordOverrides,
	ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls,
	ast.StageCheckRuleConflicts,
	ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion,
	ast.StageCheckTypes,
	ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins,
	ast.StageBuildRequiredCapabilities,
}

// compileError keeps OPA's file:line:column messages, one per line, and
// says why a function the sandbox leaves out is undefined.
func compileError(errs ast.Errors) error {
	var b strings.Builder
	denied := false
	for i, e := range errs {
		if i > 0 {
			b.WriteString("\n")
		}
		msg := e.Message
		if name, ok := strings.CutPrefix(msg, "undefined function "); ok {
			if _, known := ast.BuiltinMap[name]; known {
				msg = refusal(name)
				denied = true
			}
		}
		if e.Location != nil {
			fmt.Fprintf(&b, "%s:%d:%d: %s", e.Location.File, e.Location.Row, e.Location.Col, msg)
		} else {
			b.WriteString(msg)
		}
	}
	if denied {
		return fmt.Errorf("%s%w", b.String(), quiet{ErrNotAllowed})
	}
	return errors.New(b.String())
}

// ErrNotAllowed is in the chain of a compile error that names a builtin
// the sandbox leaves out (Options.Allow puts it back).
var ErrNotAllowed = errors.New("builtin not allowed")

// quiet wraps an error for errors.Is without adding to the message.
type quiet struct{ err error }

func (q quiet) Error() string { return "" }
func (q quiet) Unwrap() error { return q.err }

// ErrTimeout is returned when the rules do not finish within the timeout.
var ErrTimeout = errors.New("policy evaluation timed out")

// ErrMemory is returned when evaluation was stopped for using too much memory.
var ErrMemory = errors.New("policy evaluation stopped")

// watchHeap cancels ctx when the heap passes limit. Rego evaluation checks
// for cancellation between steps, so a policy that grows a set without end is
// stopped before it takes the machine's memory.
func watchHeap(ctx context.Context, limit uint64) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		// The heap as it is now, garbage included, rises as fast as a
		// rule allocates; the live heap is only known after a collection,
		// which Go runs when the heap has doubled — too late.
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if over(sample, 0, limit) {
					// Garbage left by earlier work does not count:
					// collect, and blame this evaluation only if what
					// is live is over.
					runtime.GC()
					if over(sample, 1, limit) {
						cancel(ErrMemory)
						return
					}
				}
			}
		}
	}()
	return ctx, func() {
		close(done)
		cancel(nil)
	}
}

func over(sample []metrics.Sample, i int, limit uint64) bool {
	metrics.Read(sample)
	return sample[i].Value.Kind() == metrics.KindUint64 && sample[i].Value.Uint64() > limit
}

// Evaluate runs every rule on the input document of a Dockerfile of size
// bytes and returns the findings (without file name; the caller knows it).
func (e *Engine) Evaluate(ctx context.Context, doc *document.Document, size int) ([]finding.Finding, error) {
	input, err := Value(doc)
	if err != nil {
		return nil, err
	}
	return e.EvaluateValue(ctx, input, size)
}

// EvaluateValue is Evaluate on a document already converted with Value.
func (e *Engine) EvaluateValue(ctx context.Context, input ast.Value, size int) ([]finding.Finding, error) {
	maxHeap := e.maxHeap.For(size)
	var custom chan sandboxResult
	if e.sandbox != nil {
		custom = make(chan sandboxResult, 1)
		// ctx is passed, not shared: the rules' own timeout replaces it
		// below while the sandbox runs (a data race under -race).
		go func(ctx context.Context) {
			// The sandbox keeps its own time: starting a fresh worker
			// is not the rules' time.
			raw, err := e.sandbox.eval(ctx, input, e.timeout.For(size), maxHeap)
			custom <- sandboxResult{raw, err}
		}(ctx)
	}
	ctx, cancel, timeout := limits.WithTimeout(ctx, e.timeout, size)
	defer cancel()
	fs, err := e.evalBuiltin(ctx, input, size, timeout, maxHeap)
	if custom != nil {
		res := <-custom
		if err == nil && res.err != nil {
			err = res.err
		}
		if err == nil && res.raw != nil {
			var more []finding.Finding
			more, err = DecodeJSON(res.raw, e.byKey)
			fs = append(fs, more...)
		}
	}
	if err != nil {
		return nil, err
	}
	return fs, nil
}

type sandboxResult struct {
	raw json.RawMessage
	err error
}

func (e *Engine) evalBuiltin(ctx context.Context, input ast.Value, size int, timeout time.Duration, maxHeap uint64) ([]finding.Finding, error) {
	ctx, stop := watchHeap(ctx, maxHeap)
	defer stop()
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input), evalCache(size))
	if err != nil {
		return nil, limitError(ctx, err, timeout, maxHeap)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	return e.Decode(rs[0].Expressions[0].Value)
}

// limitError says which limit stopped an evaluation, or where a rule failed.
func limitError(ctx context.Context, err error, timeout time.Duration, maxHeap uint64) error {
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, ErrMemory):
		return memoryError(maxHeap)
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || isCancel(err):
		return timeoutError(timeout)
	}
	return evalError(err)
}

func memoryError(maxHeap uint64) error {
	return fmt.Errorf("%w: the heap grew past %d MiB (a rule builds a huge set or string)", ErrMemory, maxHeap>>20)
}

func timeoutError(timeout time.Duration) error {
	return fmt.Errorf("%w after %s (a rule does not finish)", ErrTimeout, timeout.Round(time.Millisecond))
}

func isCancel(err error) bool {
	var te *topdown.Error
	return errors.As(err, &te) && te.Code == topdown.CancelErr
}

// evalError names the policy file and line where a rule failed at runtime.
func evalError(err error) error {
	var te *topdown.Error
	if errors.As(err, &te) && te.Location != nil {
		// One line: OPA lists conflicting values on lines of their own.
		msg := strings.ReplaceAll(strings.ReplaceAll(te.Message, "\n  ", "; "), "\n", "; ")
		return fmt.Errorf("%s:%d: %s", te.Location.File, te.Location.Row, msg)
	}
	return err
}
