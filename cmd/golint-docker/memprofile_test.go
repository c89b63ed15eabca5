//go:build memprofile

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestMemProfile: GOLINT_DOCKER_MEMPROFILE writes a heap profile (gzipped
// protocol buffers, as go tool pprof reads) when the run ends, whether or
// not the heap was collected meanwhile.
func TestMemProfile(t *testing.T) {
	for _, collect := range []bool{true, false} {
		path := filepath.Join(t.TempDir(), "mem.prof")
		stop := memProfile(path)
		if collect {
			var keep [][]byte
			for range 64 {
				keep = append(keep, make([]byte, 1<<16))
			}
			runtime.GC()
			time.Sleep(20 * time.Millisecond) // the sampler sees the collection
			runtime.KeepAlive(keep)
		}
		stop()
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
			t.Errorf("collect %v: not a gzipped profile: % x", collect, raw[:min(len(raw), 8)])
		}
	}
}
