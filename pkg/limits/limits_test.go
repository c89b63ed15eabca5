package limits

import (
	"context"
	"testing"
	"time"
)

func TestBudget(t *testing.T) {
	grow := Budget[time.Duration]{Limit: 10 * time.Second, Grow: true}
	for _, c := range []struct {
		size int
		want time.Duration
	}{
		{0, 10 * time.Second},
		{2 << 10, 10 * time.Second},
		{Unit, 10 * time.Second},
		{Unit * 3 / 2, 15 * time.Second},
		{10 * Unit, 100 * time.Second},
	} {
		if got := grow.For(c.size); got != c.want {
			t.Errorf("%+v.For(%d) = %v, want %v", grow, c.size, got, c.want)
		}
	}
	if got := (Budget[uint64]{Limit: DefaultMaxHeap, Grow: true}).For(5 * Unit); got != 5*DefaultMaxHeap {
		t.Errorf("heap for 5 MB = %d MiB, want %d", got>>20, 5*DefaultMaxHeap>>20)
	}
	if got := (Budget[time.Duration]{Grow: true}).For(10 * Unit); got != 0 {
		t.Errorf("no timeout grew to %v", got)
	}
	if got := (Budget[time.Duration]{Limit: 2 * time.Second}).For(10 * Unit); got != 2*time.Second {
		t.Errorf("a fixed timeout grew to %v", got)
	}
}

func TestWithTimeout(t *testing.T) {
	ctx, cancel, d := WithTimeout(context.Background(), Budget[time.Duration]{Limit: time.Hour, Grow: true}, 2*Unit)
	defer cancel()
	if dl, ok := ctx.Deadline(); !ok || d != 2*time.Hour || time.Until(dl) < time.Hour {
		t.Errorf("timeout %v, deadline %v (set: %v); want 2h", d, dl, ok)
	}
	ctx, cancel, d = WithTimeout(context.Background(), Budget[time.Duration]{}, 2*Unit)
	defer cancel()
	if _, ok := ctx.Deadline(); ok || d != 0 {
		t.Errorf("no timeout gave %v and a deadline (%v)", d, ok)
	}
}
