package policy

import (
	"runtime/debug"
	"sync"
)

// gcPause counts the callers that have the collector paused.
var gcPause struct {
	sync.Mutex
	n   int
	old int
}

// pauseGC turns the collector's heap-growth trigger off until resume is
// called (a memory limit, such as pkg/app's budget, still applies). For
// building the precompiled rules: nearly all that is allocated is kept or
// becomes garbage only at the end, so collections on the way (three or
// four, as the heap grows from its first 4 MB goal) find little and cost a
// tenth of a cold start. Safe for overlapping callers.
func pauseGC() (resume func()) {
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.n == 0 {
		gcPause.old = debug.SetGCPercent(-1)
	}
	gcPause.n++
	var once sync.Once
	return func() {
		once.Do(func() {
			gcPause.Lock()
			defer gcPause.Unlock()
			gcPause.n--
			if gcPause.n == 0 {
				debug.SetGCPercent(gcPause.old)
			}
		})
	}
}
