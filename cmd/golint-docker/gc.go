package main

import (
	"runtime"
	"runtime/debug"
)

// startupGCPercent makes the first collection wait for a 16 MiB heap
// instead of Go's 4 MiB: package initialisation alone allocates 2 MiB, a
// run of one cached file 5-6 MiB in all, and one that builds the rules
// (decoded without copies, 7.9 MiB) and lints a small file stays under 16
// MiB, so neither collects at all. Measured on 2 cores: 200 (8 MiB) took
// the collection out of a cached file's run (7-9 % less CPU); 400 takes it
// out of a cold miss's too (it marked the half-built rules): 40
// interleaved misses, 194.3 -> 182.2 ms user+sys, with as many page faults
// (3,079 against 3,075 a run: the heap being collected grew to 11 MiB
// meanwhile anyway) and 1.6 MiB more peak RSS. Once many files are
// linted, the first collection comes at 16 MiB and the soft memory limit
// (pkg/app) paces the rest: the peak of 1,119 files is unchanged.
const startupGCPercent = 400

// raiseFirstGCGoal sets startupGCPercent until the first collection has
// run, and then gives back the setting there was (GOGC, or 100): from then
// on the heap is collected as usual, relative to what the first collection
// found live. A GOGC set by the user is left alone; a memory limit still
// applies throughout.
func raiseFirstGCGoal(getenv func(string) string) {
	if getenv("GOGC") != "" {
		return
	}
	old := debug.SetGCPercent(startupGCPercent)
	// Unreachable at once, so it is finalized after the first collection.
	sentinel := &struct {
		_ *byte
		_ [64]byte
	}{}
	runtime.SetFinalizer(sentinel, func(any) { debug.SetGCPercent(old) })
}
