package policy

import (
	"runtime/debug"
	"testing"
)

// TestPauseGC: overlapping pauses keep the collector off until the last
// one ends, and then give back the setting there was; resuming twice is
// harmless.
func TestPauseGC(t *testing.T) {
	old := debug.SetGCPercent(150)
	defer debug.SetGCPercent(old)
	a := pauseGC()
	b := pauseGC()
	a()
	a()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("one pause left: GC percent %d, want off", got)
	}
	b()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("after the last pause: GC percent %d, want 150", got)
	}
}
