package app

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestMemoryBudget: the limit is the base while small files are linted,
// raised for each large file in flight, and put back after the run.
func TestMemoryBudget(t *testing.T) {
	dir := t.TempDir()
	small, large := filepath.Join(dir, "small"), filepath.Join(dir, "large")
	os.WriteFile(small, make([]byte, 1000), 0o644)
	os.WriteFile(large, make([]byte, 1<<20), 0o644)
	before := debug.SetMemoryLimit(-1)
	b := newMemoryBudget(36 << 20)
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	if limit() != 36<<20 {
		t.Fatalf("limit %d", limit())
	}
	doneSmall := b.file(small)
	if limit() != 36<<20 {
		t.Fatalf("a small file raised the limit to %d", limit())
	}
	done1, done2 := b.file(large), b.file(large)
	if want := int64(36<<20 + 2*heapPerByte<<20); limit() != want {
		t.Fatalf("two large files: limit %d, want %d", limit(), want)
	}
	done1()
	done2()
	doneSmall()
	if limit() != 36<<20 {
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
