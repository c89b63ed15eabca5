package policy

import (
	"context"
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
	// AllowNet lets policies use http.send and DNS lookups, and read the
	// environment through opa.runtime. Off by default: custom policies are
	// untrusted code.
	AllowNet bool
	// Timeout bounds one evaluation (one Dockerfile); 0 means none.
	Timeout limits.Budget[time.Duration]
	// MaxHeap stops evaluations when the process heap grows past this many
	// bytes (a policy building a huge set); a Limit of 0 means
	// limits.DefaultMaxHeap.
	MaxHeap limits.Budget[uint64]
}

// Engine evaluates compiled rules.
type Engine struct {
	Rules   []Rule
	byKey   map[string]*Rule
	query   rego.PreparedEvalQuery
	timeout limits.Budget[time.Duration]
	maxHeap limits.Budget[uint64]
	// The compiled rules and the data, for Prepare.
	compiler *ast.Compiler
	store    storage.Store
}

// Denied are the built-in functions custom policies cannot call unless the
// user opts in: they reach the network or the environment.
var Denied = []string{"http.send", "net.lookup_ip_addr", "opa.runtime"}

// Capabilities returns what policies may use.
func Capabilities(allowNet bool) *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	if allowNet {
		return caps
	}
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !contains(Denied, b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// New compiles the loaded policies and prepares the findings query.
func New(ctx context.Context, l *Loaded, opt Options) (*Engine, error) {
	data, err := l.DataDocument(opt.Data)
	if err != nil {
		return nil, err
	}
	modules := map[string]*ast.Module{}
	for _, f := range l.Files {
		if !f.Test {
			modules[f.Path] = f.Module
		}
	}
	compiler := ast.NewCompiler().
		WithCapabilities(Capabilities(opt.AllowNet)).
		WithEnablePrintStatements(false)
	if allBuiltin(l.Files) {
		// The built-in rules pass every check in their own tests (strict,
		// typed, formatted); at run time only the stages that shape the
		// compiled rules run. Custom policies get every check.
		compiler = compiler.WithSkipStages(checkOnlyStages...)
	}
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, compileError(compiler.Errors)
	}
	e := &Engine{
		Rules: l.Rules, byKey: map[string]*Rule{}, timeout: opt.Timeout, maxHeap: opt.MaxHeap,
		compiler: compiler,
		store:    inmem.NewFromObjectWithOpts(data, inmem.OptRoundTripOnWrite(false)),
	}
	pq, err := e.Prepare(ctx, Query)
	if err != nil {
		return nil, fmt.Errorf("preparing the rules: %w", err)
	}
	e.query = pq
	if e.maxHeap.Limit == 0 {
		e.maxHeap.Limit = limits.DefaultMaxHeap
	}
	e.byKey = Index(e.Rules)
	return e, nil
}

// Prepare prepares query against the engine's compiled rules and data:
// the findings decision, or any other document of the rules (one rule
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

func allBuiltin(files []*File) bool {
	for _, f := range files {
		if !f.Builtin {
			return false
		}
	}
	return true
}

func over(sample []metrics.Sample, limit uint64) bool {
	metrics.Read(sample)
	return sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > limit
}

// ErrNotAllowed is in the chain of a compile error that names a builtin
// the sandbox leaves out (Options.AllowNet puts it back).
var ErrNotAllowed = errors.New("builtin not allowed")

// compileError keeps OPA's file:line:column messages, one per line.
func compileError(errs ast.Errors) error {
	var b strings.Builder
	denied := false
	for i, e := range errs {
		if i > 0 {
			b.WriteString("\n")
		}
		msg := e.Message
		for _, d := range Denied {
			if msg == "undefined function "+d {
				msg = d + " is not allowed: policies get no network or environment access unless it is allowed"
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
		// Live heap as of the last GC: garbage left by earlier work does not
		// count, and a growing set triggers collections as it grows.
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if over(sample, limit) {
					// The figure is from the last collection and may be
					// stale (a big file linted before); confirm with a
					// fresh one before blaming this evaluation.
					runtime.GC()
					if over(sample, limit) {
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
	ctx, cancel, timeout := limits.WithTimeout(ctx, e.timeout, size)
	defer cancel()
	maxHeap := e.maxHeap.For(size)
	ctx, stop := watchHeap(ctx, maxHeap)
	defer stop()
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		switch cause := context.Cause(ctx); {
		case errors.Is(cause, ErrMemory):
			return nil, fmt.Errorf("%w: the heap grew past %d MiB (a rule builds a huge set or string)", ErrMemory, maxHeap>>20)
		case errors.Is(ctx.Err(), context.DeadlineExceeded) || isCancel(err):
			return nil, fmt.Errorf("%w after %s (a rule does not finish)", ErrTimeout, timeout.Round(time.Millisecond))
		}
		return nil, evalError(err)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	return e.Decode(rs[0].Expressions[0].Value)
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
