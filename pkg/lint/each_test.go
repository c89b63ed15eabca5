package lint

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// TestEach: results come out in the order of the items, whatever order
// they finish in, and no more than the window runs ahead of the emitter.
func TestEach(t *testing.T) {
	for _, tc := range []struct{ items, jobs int }{{0, 2}, {1, 1}, {5, 8}, {100, 1}, {500, 2}, {500, 7}} {
		items := make([]int, tc.items)
		for i := range items {
			items[i] = i
		}
		var running, ahead, maxAhead atomic.Int64
		var got []int
		Each(items, tc.jobs, func(i int) int {
			running.Add(1)
			if n := ahead.Add(1); n > maxAhead.Load() {
				maxAhead.Store(n)
			}
			time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond)
			running.Add(-1)
			return i * 10
		}, func(v int) {
			ahead.Add(-1)
			got = append(got, v)
		})
		if len(got) != tc.items {
			t.Fatalf("%+v: %d results", tc, len(got))
		}
		for i, v := range got {
			if v != i*10 {
				t.Fatalf("%+v: result %d is %d", tc, i, v)
			}
		}
		if m := maxAhead.Load(); m > int64(4*max(tc.jobs, 1))+1 {
			t.Fatalf("%+v: %d items done and not emitted at once", tc, m)
		}
	}
}
