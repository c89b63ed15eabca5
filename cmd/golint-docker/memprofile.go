//go:build memprofile

package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// memProfile writes to path, when set, the heap profile (bytes in use)
// taken after the collection that found the most live heap of the run:
// where a large file's peak is, for docs/performance.md. The heap is
// sampled every few milliseconds, so a short peak between two samples
// may be missed; the profile says what was live at the collection it
// names, not at the process's peak RSS.
//
// Only in a binary built with -tags memprofile: linking the heap profiler
// turns Go's memory profiling on in every run (its bucket table alone
// adds 1.4 MiB to the peak of a run over many files).
func memProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	var peak bytes.Buffer
	var peakLive uint64
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}}
		var cycles uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if c := sample[0].Value.Uint64(); c != cycles {
				cycles = c
				if live := sample[1].Value.Uint64(); live > peakLive {
					peakLive = live
					peak.Reset()
					pprof.Lookup("heap").WriteTo(&peak, 0)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if peak.Len() == 0 { // no collection in the run
			pprof.Lookup("heap").WriteTo(&peak, 0)
		}
		if err := os.WriteFile(path, peak.Bytes(), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "golint-docker: GOLINT_DOCKER_MEMPROFILE: %v\n", err)
			return
		}
		fmt.Fprintf(os.Stderr, "golint-docker: GOLINT_DOCKER_MEMPROFILE: peak live heap %d MiB\n", peakLive>>20)
	}
}
