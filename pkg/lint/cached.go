package lint

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"

	"github.com/golint-docker/golint-docker/pkg/buildctx"
	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/parse"
)

// ResultCache keeps entries between runs (*cache.Cache).
type ResultCache interface {
	Get(cache.Key) ([]byte, bool)
	Put(cache.Key, []byte) error
}

// Results are the results of a run's files, shared by its Linters: those
// of earlier runs in a ResultCache (when there is one), and the run's own
// latest evaluations, so that a file linted twice at once is evaluated
// once.
//
// A file's result is found without parsing the file once it has been
// seen: its name and bytes and the run's settings (the salt, see
// WithCache) key the file's entry, which holds the evidence its build
// context is found by (what it copies, buildctx.Evidence) and the result
// for the context it had last; a result for another context is under a
// key that adds that context's facts. A result is kept only when nothing
// cut it short: errors, timeouts and BuildKit's checks stopped by a limit
// are evaluated again next time.
type Results struct {
	disk ResultCache // nil: memory only

	mu sync.Mutex
	// calls are the evaluations of this run, in progress or done (the
	// latest few): a file that waits for or follows one of the same key
	// takes its result.
	calls     map[cache.Key]*call
	callOrder []cache.Key

	hits, evaluated, putErrors atomic.Int64
}

// NewResults returns an empty set of results over disk (nil: none).
func NewResults(disk ResultCache) *Results {
	return &Results{disk: disk, calls: map[cache.Key]*call{}}
}

// ResultStats count what a run took from the results and what it
// evaluated.
type ResultStats struct {
	Hits      int64 // results taken from the cache or an evaluation of the run
	Evaluated int64 // files evaluated
	PutErrors int64 // results the cache could not store
}

// Stats counts hits and evaluations so far.
func (r *Results) Stats() ResultStats {
	return ResultStats{Hits: r.hits.Load(), Evaluated: r.evaluated.Load(), PutErrors: r.putErrors.Load()}
}

// WithCache makes l keep its results in r. salt is the digest of what
// decides results beside the file, its build context and l's options: the
// rules and their data, the binary. l's options are added to it here.
func (l *Linter) WithCache(r *Results, salt cache.Key) *Linter {
	opt, _ := json.Marshal(keyOptions(l.opt))
	l.results = r
	l.salt = cache.NewHasher().AddKey("salt", salt).Add("options", opt).Key()
	return l
}

// keyOptions are the options that change a result. The others (limits,
// the name of standard input) only decide whether there is one, or its
// file name, which is not part of what is kept.
type resultOptions struct {
	BuildArgs      map[string]string
	Target         string
	ContextDir     string
	Ignore         []string
	Severity       map[string]finding.Severity
	BuildKitChecks bool
	Off            []string
}

func keyOptions(o Options) resultOptions {
	return resultOptions{
		BuildArgs: o.BuildArgs, Target: o.Target, ContextDir: o.ContextDir,
		Ignore: o.Ignore, Severity: o.Severity, BuildKitChecks: o.BuildKitChecks,
		Off: o.Off,
	}
}

// notInKey are the options keyOptions leaves out, and why.
var notInKey = map[string]string{
	"MaxFileSize":     "a file over it is an error, never kept",
	"ReadTimeout":     "a read cut short by it is an error, never kept",
	"StdinFilename":   "the name the file is linted as is in the key",
	"BuildKitTimeout": "a check cut short by it is not kept",
	"Facts":           "read from the rules' data and the configuration's, which the salt covers",
	"FactsFunc":       "makes Facts",
	"Rules":           "the rules of the catalogue, which the salt covers",
}

// cached is Bytes with results kept in l.results.
func (l *Linter) cached(ctx context.Context, name string, data []byte) finding.Result {
	// The name is part of the input: rules read it (input.file), and the
	// document's facts depend on it (a stage's role).
	fileKey := cache.NewHasher().AddKey("salt", l.salt).AddString("name", name).Add("file", data).Key()
	var (
		f    *parse.File
		doc  *document.Document
		c    *document.Context
		note string
	)
	entry, seen := l.results.fileEntry(fileKey)
	if seen {
		c, note = l.ctx.FindFrom(name, l.opt.ContextDir, entry.evidence)
	} else {
		l.warm()
		var err error
		if f, doc, note, err = l.prepare(name, data); err != nil {
			return finding.Result{File: name, Err: finding.AsFileError(name, err)}
		}
		c = doc.Context
		entry = fileEntry{evidence: buildctx.EvidenceOf(doc)}
	}
	facts, _ := json.Marshal(c)
	ctxKey := cache.NewHasher().Add("context", facts).Key()
	var res finding.Result
	hit := false
	if seen && entry.result != nil && entry.context == ctxKey {
		res, hit = decodeResult(entry.result, name)
	}
	if hit {
		l.results.hits.Add(1)
	} else {
		key := cache.NewHasher().AddKey("file", fileKey).AddKey("context", ctxKey).Key()
		res, hit = l.results.result(key, name, func() (finding.Result, bool) {
			pf, pdoc := f, doc
			f, doc = nil, nil // garbage once the rules have their input (see check)
			if pf == nil {
				l.warm()
				var err error
				if pf, pdoc, _, err = l.prepare(name, data); err != nil {
					return finding.Result{File: name, Err: finding.AsFileError(name, err)}, false
				}
			}
			return l.check(ctx, name, data, pf, pdoc)
		}, func(raw []byte) {
			// The file's entry takes the result of its latest context; the
			// result of the context it had (the same file in another
			// directory) goes to a key of its own. Most files have one
			// context: one write each.
			if seen && entry.result != nil && entry.context != ctxKey {
				other := cache.NewHasher().AddKey("file", fileKey).AddKey("context", entry.context).Key()
				l.results.store(other, entry.result)
			}
			entry.context, entry.result = ctxKey, raw
			l.results.store(fileKey, entry.encode())
		})
	}
	if hit {
		res.Lines = parse.Lines(data)
	}
	if note != "" {
		res.Notes = append([]string{note}, res.Notes...)
	}
	return res
}

type call struct {
	done  chan struct{}
	entry []byte // nil when the result is not kept
}

// lookup returns the entry of key in the cache.
func (r *Results) lookup(key cache.Key) ([]byte, bool) {
	if r.disk == nil {
		return nil, false
	}
	return r.disk.Get(key)
}

// store keeps an entry in the cache.
func (r *Results) store(key cache.Key, raw []byte) {
	if r.disk == nil {
		return
	}
	if err := r.disk.Put(key, raw); err != nil {
		r.putErrors.Add(1)
	}
}

// fileEntry returns the entry of a file's bytes.
func (r *Results) fileEntry(key cache.Key) (fileEntry, bool) {
	raw, ok := r.lookup(key)
	if !ok {
		return fileEntry{}, false
	}
	return decodeFileEntry(raw)
}

// result returns the result kept under key for the file name, else
// computes it — once, when several files wait for the same key — and has
// kept store it when compute says it can be kept. hit says it was kept
// before.
func (r *Results) result(key cache.Key, name string, compute func() (finding.Result, bool), kept func(raw []byte)) (res finding.Result, hit bool) {
	if raw, ok := r.lookup(key); ok {
		if res, ok := decodeResult(raw, name); ok {
			r.hits.Add(1)
			return res, true
		}
	}
	r.mu.Lock()
	if c, ok := r.calls[key]; ok {
		r.mu.Unlock()
		<-c.done
		if c.entry != nil {
			if res, ok := decodeResult(c.entry, name); ok {
				r.hits.Add(1)
				return res, true
			}
		}
		res, _ := r.compute(name, compute, kept)
		return res, false
	}
	c := &call{done: make(chan struct{})}
	r.calls[key] = c
	r.callOrder = append(r.callOrder, key)
	if len(r.callOrder) > maxCalls {
		delete(r.calls, r.callOrder[0])
		r.callOrder = r.callOrder[1:]
	}
	r.mu.Unlock()
	defer close(c.done)
	res, c.entry = r.compute(name, compute, kept)
	return res, false
}

// maxCalls bounds the evaluations Results remembers.
const maxCalls = 256

// compute evaluates a file and, when its result can be kept, has kept
// store it; raw is the result as kept (nil: not kept).
func (r *Results) compute(name string, compute func() (finding.Result, bool), kept func(raw []byte)) (res finding.Result, raw []byte) {
	r.evaluated.Add(1)
	res, cacheable := compute()
	if cacheable && res.Err == nil {
		raw = encodeResult(res)
		kept(raw)
	}
	return res, raw
}
