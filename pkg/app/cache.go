package app

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/builtin"
	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

// cacheFormat changes when what a cached result means changes in a way
// the binary's identity does not cover.
const cacheFormat = "1"

// lazyEngine compiles the rules when the first file needs them, or
// ahead of that, in the background, once a file is known to need them
// (Warm).
type lazyEngine struct {
	once  sync.Once
	build func() (*policy.Engine, error)
	eng   *policy.Engine
	err   error
	// warm starts the background build once; ready is set when the
	// build is over; warming is the background goroutine, waited for by
	// close.
	warm    sync.Once
	ready   atomic.Bool
	warming sync.WaitGroup
}

func (l *lazyEngine) get() (*policy.Engine, error) {
	l.once.Do(func() {
		l.eng, l.err = l.build()
		l.ready.Store(true)
	})
	return l.eng, l.err
}

// Warm starts compiling the rules in the background, if that has not
// started: a file that needs them is being parsed, its document built and
// BuildKit's checks run meanwhile. An error is Evaluate's, as without it.
func (l *lazyEngine) Warm() {
	l.warm.Do(func() {
		l.warming.Add(1)
		go func() {
			defer l.warming.Done()
			_, _ = l.get()
		}()
	})
}

// Ready reports whether the rules are compiled (or failed to be): whether
// Evaluate would return without waiting for them.
func (l *lazyEngine) Ready() bool { return l.ready.Load() }

// close stops the engine's sandbox, if it was built; a build started by
// Warm and not needed after all is waited for, then closed.
func (l *lazyEngine) close() {
	l.warm.Do(func() {})
	l.once.Do(func() { l.err = errors.New("closed") })
	l.warming.Wait()
	if l.eng != nil {
		l.eng.Close()
	}
}

func (l *lazyEngine) Evaluate(ctx context.Context, doc *document.Document, size int) ([]finding.Finding, error) {
	eng, err := l.get()
	if err != nil {
		return nil, catalogueError{err}
	}
	return eng.Evaluate(ctx, doc, size)
}

// catalogueError is a problem with the rules themselves, found when the
// first file needed them: it stops the run, as it would have before
// anything was linted.
type catalogueError struct{ err error }

func (e catalogueError) Error() string { return e.err.Error() }
func (e catalogueError) Unwrap() error { return e.err }

// asCatalogueError finds a catalogueError in a file's error.
func asCatalogueError(res finding.Result) (error, bool) {
	var ce catalogueError
	if res.Err != nil && errors.As(res.Err, &ce) {
		return ce.err, true
	}
	return nil, false
}

// digest identifies the rules a catalogue evaluates and their data, for
// the result cache: the built-in rules' sources, every policy file (its
// path and content), the data documents, and the options (all but the
// limits, which decide whether there is a result, not what it is, and the
// number of sandbox workers). cacheable is false when the results cannot
// be kept: the sandbox is opened (--allow: the network, the environment,
// the clock, files), or a rule calls a builtin whose value changes between
// runs (time.now_ns, rand.intn, ...).
func digest(l *policy.Loaded, o CatalogueOptions) (k cache.Key, cacheable bool) {
	h := cache.NewHasher().AddString("builtin", builtin.SourceDigest())
	for _, f := range l.Files {
		if f.Builtin {
			continue
		}
		h.AddString("policy file", f.Path).Add("policy", f.Raw)
		if f.Module != nil && nondeterministic(f.Module) {
			return k, false
		}
	}
	// Without policy directories the data is the built-in rules' own,
	// which their digest covers (data.json files are among the sources):
	// not encoded again at every start.
	if len(o.PolicyDirs) > 0 {
		data, err := json.Marshal(l.Data)
		if err != nil {
			return k, false
		}
		h.Add("policy data", data)
	}
	o.Limits, o.Workers = Limits{}, 0
	opts, err := json.Marshal(o)
	if err != nil {
		return k, false
	}
	h.Add("options", opts)
	return h.Key(), len(o.Allow) == 0
}

// nondeterministic reports whether a module refers to a builtin whose
// value can change between runs with the same input.
func nondeterministic(m *ast.Module) bool {
	found := false
	ast.WalkRefs(m, func(r ast.Ref) bool {
		if b, ok := ast.BuiltinMap[r.String()]; ok && b.Nondeterministic {
			found = true
		}
		return found
	})
	return found
}

// cacheSalt is what, beside a catalogue, decides every result of a run:
// the binary (its version, and its build ID, so that a rebuilt development
// binary never takes an older one's results) and the cache's format.
func cacheSalt(version, binary string, cat cache.Key) cache.Key {
	return cache.NewHasher().
		AddString("format", cacheFormat).
		AddString("version", version).
		AddString("binary", binary).
		AddKey("catalogue", cat).
		Key()
}

// executableID is the running binary's identity, read once.
var executableID = sync.OnceValues(cache.ExecutableID)

// DefaultCacheDir is where the command keeps results unless told
// otherwise: $XDG_CACHE_HOME/golint-docker, else the system's user cache
// directory.
func DefaultCacheDir(getenv func(string) string) (string, error) { return cache.DefaultDir(getenv) }

// openCache opens the run's result cache, when it has one. A cache that
// cannot be used costs its speed, not the run: a warning, and the run goes
// on without it.
func (r *runner) openCache() {
	r.results = lint.NewResults(nil)
	if r.s.CacheDir == "" || r.s.OPAURL != "" {
		return
	}
	id, err := executableID()
	if err != nil {
		r.warn("cache not used: cannot identify this binary: %v", err)
		return
	}
	if _, err := os.Stat(r.s.CacheDir); errors.Is(err, fs.ErrNotExist) {
		// A new cache: every file is a miss.
		r.newCache = true
	}
	c, err := cache.Open(r.s.CacheDir, cache.Options{})
	if err != nil {
		r.warn("cache not used: %v", err)
		return
	}
	r.disk, r.binary = c, id
	r.results = lint.NewResults(c)
}

// useCache makes a plan's linter keep its results, when its rules allow.
func (r *runner) useCache(l *lint.Linter, cat *Catalogue) {
	if r.results == nil || !cat.Cacheable {
		return
	}
	l.WithCache(r.results, cacheSalt(r.s.Tool.Version, r.binary, cat.Digest))
}

// closeCache keeps the cache within its bound and says when results could
// not be stored. A run that evaluated nothing stored nothing: it leaves the
// cache as it found it (the runs that write keep it within its bound and
// clear what older versions and dead processes left), so that a run whose
// files all hit only reads.
func (r *runner) closeCache() {
	if r.disk == nil {
		return
	}
	st := r.results.Stats()
	if st.PutErrors > 0 {
		r.warn("cache %s: %d results could not be stored", r.disk.Dir(), st.PutErrors)
	}
	if st.Evaluated > 0 {
		_ = r.disk.Trim(false)
	}
	r.disk.Close()
}
