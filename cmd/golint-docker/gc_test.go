package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads the collector's setting.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// TestRaiseFirstGCGoal: the first collection waits for a larger heap, the
// setting there was comes back after it, and a GOGC of the user's is left
// alone.
func TestRaiseFirstGCGoal(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	raiseFirstGCGoal(func(string) string { return "50" })
	if p := gcPercent(); p != 100 {
		t.Fatalf("with GOGC set: GC percent %d, want 100 (untouched)", p)
	}
	raiseFirstGCGoal(func(string) string { return "" })
	if p := gcPercent(); p != startupGCPercent {
		t.Fatalf("at start: GC percent %d, want %d", p, startupGCPercent)
	}
	for deadline := time.Now().Add(10 * time.Second); gcPercent() != 100; {
		if time.Now().After(deadline) {
			t.Fatalf("after collections: GC percent %d, want 100 back", gcPercent())
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}
