package app

import (
	"math"
	"os"
	"runtime/debug"
	"sync"
)

// A run over many Dockerfiles keeps a small live heap (the compiled rules,
// a few files in flight), and the garbage collector's default pace lets
// the heap grow to twice it between collections. A soft memory limit
// (Settings.SoftMemoryLimit) keeps it closer, for little CPU: the
// collector only works harder as the heap nears the limit. A large
// Dockerfile needs far more than the limit (its document and the rules'
// work on it are hundreds of times its size); under the limit alone the
// collector would run without pause while it is linted, so the limit is
// raised by a generous allowance for each large file in flight.

// largeFile is the size from which a file gets an allowance above the
// limit; smaller ones fit within it.
const largeFile = 64 << 10

// heapPerByte is the room a large file is given per byte: about three
// times the live heap linting it takes at its peak (docs/performance.md),
// so that the limit leaves the collector at its default pace for it.
const heapPerByte = 768

// memoryBudget sets the process's soft memory limit: a base, plus an
// allowance for each large file being linted.
type memoryBudget struct {
	mu    sync.Mutex
	base  int64
	extra int64
	prev  int64
}

// newMemoryBudget sets the limit to base; nil (no limit managed) when base
// is 0.
func newMemoryBudget(base int64) *memoryBudget {
	if base <= 0 {
		return nil
	}
	b := &memoryBudget{base: base}
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
	room := st.Size() * heapPerByte
	if room/heapPerByte != st.Size() {
		room = math.MaxInt64 / 2
	}
	b.add(room)
	return func() { b.add(-room) }
}

func (b *memoryBudget) add(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.extra += n
	limit := b.base + b.extra
	if limit < b.base { // overflow
		limit = math.MaxInt64
	}
	debug.SetMemoryLimit(limit)
}

// restore puts back the limit the process had.
func (b *memoryBudget) restore() {
	if b != nil {
		debug.SetMemoryLimit(b.prev)
	}
}
