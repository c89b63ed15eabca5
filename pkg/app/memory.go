package app

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// A run over many Dockerfiles keeps a small live heap (the compiled rules,
// a few files in flight), and the garbage collector's default pace lets
// the heap grow to twice it between collections. A soft memory limit
// (Settings.SoftMemoryLimit) keeps it closer, for little CPU: the
// collector only works harder as the heap nears the limit.
//
// A large Dockerfile needs far more than that limit (its document and the
// rules' work on it are a hundred times its size and more). Under it the
// collector would run without pause; at its default pace the heap grows
// to twice what is live (a 5 MiB file: 1.5 GiB for 0.7 GiB live). So
// while a large file is linted the limit follows the live heap that each
// collection finds: half again above it, and never less than largeRoom
// above it. The collector then works at most as often as at GOGC=50, and
// only for a live heap over twice largeRoom; below that it keeps its
// default pace, where a tighter limit costs much CPU (a 1 MiB file of
// short instructions, 0.3 GiB live: a quarter more) for little memory.

// largeFile is the size from which a file is linted under the limit that
// follows the live heap; smaller ones fit within the base.
const largeFile = 64 << 10

// largeRoom is the least room above the live heap while large files are
// linted.
const largeRoom = 256 << 20

// watchEvery is how often the live heap is read while large files are
// linted; it only changes after a collection.
const watchEvery = 5 * time.Millisecond

// memoryBudget sets the process's soft memory limit: the base, or while
// large files are linted, room above the live heap.
type memoryBudget struct {
	mu    sync.Mutex
	base  int64
	large int   // large files in flight
	live  int64 // the live heap the last collection found, while large > 0
	limit int64 // the limit set
	stop  chan struct{}
	prev  int64
}

// newMemoryBudget sets the limit to base; nil (no limit managed) when base
// is 0.
func newMemoryBudget(base int64) *memoryBudget {
	if base <= 0 {
		return nil
	}
	b := &memoryBudget{base: base, limit: base}
	b.prev = debug.SetMemoryLimit(base)
	return b
}

// file gives the limit room for the Dockerfile at path while it is
// linted; the returned function takes it back.
func (b *memoryBudget) file(path string) (done func()) {
	if b == nil {
		return func() {}
	}
	st, err := os.Stat(path)
	if err != nil || st.Size() < largeFile {
		return func() {}
	}
	b.add(1)
	return func() { b.add(-1) }
}

func (b *memoryBudget) add(files int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.large += files
	switch {
	case b.large > 0 && b.stop == nil:
		b.live = liveHeap()
		b.stop = make(chan struct{})
		go b.watch(b.stop)
	case b.large == 0 && b.stop != nil:
		close(b.stop)
		b.stop = nil
	}
	b.set()
}

// limitFor is the limit for a live heap of live bytes while large files
// are linted.
func limitFor(live int64) int64 {
	return live + max(live/2, largeRoom)
}

// set puts the limit at the base, or while large files are linted, at
// limitFor the live heap if that is higher. Called with mu held.
func (b *memoryBudget) set() {
	limit := b.base
	if b.large > 0 {
		limit = max(limit, limitFor(b.live))
	}
	if limit != b.limit {
		b.limit = limit
		debug.SetMemoryLimit(limit)
	}
}

// watch follows the live heap after each collection until stop is closed.
func (b *memoryBudget) watch(stop chan struct{}) {
	sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(sample)
	cycles := sample[0].Value.Uint64()
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		c := sample[0].Value.Uint64()
		if c == cycles {
			continue
		}
		cycles = c
		live := liveHeap()
		b.mu.Lock()
		if b.stop == stop { // still the watcher of these files
			b.live = live
			b.set()
		}
		b.mu.Unlock()
	}
}

// liveHeap is the live heap the last collection found.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// restore puts back the limit the process had.
func (b *memoryBudget) restore() {
	if b == nil {
		return
	}
	b.mu.Lock()
	if b.stop != nil {
		close(b.stop)
		b.stop = nil
	}
	b.mu.Unlock()
	debug.SetMemoryLimit(b.prev)
}
