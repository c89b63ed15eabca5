package app

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestMemoryBudget: the limit is the base while small files are linted;
// while large files are, it follows the live heap each collection finds,
// with room above it; it is the base again when the last large file is
// done, and put back after the run.
func TestMemoryBudget(t *testing.T) {
	dir := t.TempDir()
	small, large := filepath.Join(dir, "small"), filepath.Join(dir, "large")
	os.WriteFile(small, make([]byte, 1000), 0o644)
	os.WriteFile(large, make([]byte, 1<<20), 0o644)
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	const base = 36 << 20
	b := newMemoryBudget(base)
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	if limit() != base {
		t.Fatalf("limit %d", limit())
	}
	doneSmall := b.file(small)
	if limit() != base {
		t.Fatalf("a small file changed the limit to %d", limit())
	}
	done1, done2 := b.file(large), b.file(large)
	if limit() < largeRoom || limit() <= base {
		t.Fatalf("two large files: limit %d, want at least %d above the live heap", limit(), largeRoom)
	}
	// The live heap grows by 64 MiB: after a collection, the limit
	// follows it.
	held := make([][]byte, 64)
	for i := range held {
		held[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for limit() != limitFor(liveHeap()) {
		if time.Now().After(deadline) {
			t.Fatalf("limit %d does not follow the live heap %d (want %d)", limit(), liveHeap(), limitFor(liveHeap()))
		}
		time.Sleep(time.Millisecond)
	}
	if liveHeap() < 64<<20 {
		t.Fatalf("live heap %d: the test's own data was collected", liveHeap())
	}
	runtime.KeepAlive(held)
	done1()
	if limit() == base {
		t.Fatal("one large file still in flight, but the limit is the base")
	}
	done2()
	doneSmall()
	if limit() != base {
		t.Fatalf("after: %d", limit())
	}
	b.restore()
	if limit() != before {
		t.Fatalf("not restored: %d, want %d", limit(), before)
	}
	if newMemoryBudget(0) != nil || limit() != before {
		t.Fatal("a zero base changed the limit")
	}
	var none *memoryBudget
	none.file(large)()
	none.restore()
}

// TestLimitFor: half again the live heap, and at least largeRoom above
// it.
func TestLimitFor(t *testing.T) {
	for _, c := range []struct{ live, want int64 }{
		{0, largeRoom},
		{100 << 20, 100<<20 + largeRoom},
		{2 * largeRoom, 3 * largeRoom},
		{1 << 30, 1<<30 + 512<<20},
	} {
		if got := limitFor(c.live); got != c.want {
			t.Errorf("limitFor(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}
