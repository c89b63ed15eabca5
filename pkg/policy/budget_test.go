package policy

import (
	"testing"
	"time"
)

func TestScale(t *testing.T) {
	for _, c := range []struct {
		size int
		want time.Duration
	}{
		{0, 10 * time.Second},
		{2 << 10, 10 * time.Second},
		{BudgetUnit, 10 * time.Second},
		{BudgetUnit * 3 / 2, 15 * time.Second},
		{10 * BudgetUnit, 100 * time.Second},
	} {
		if got := Scale(10*time.Second, c.size); got != c.want {
			t.Errorf("Scale(10s, %d) = %v, want %v", c.size, got, c.want)
		}
	}
	if got := Scale(uint64(DefaultMaxHeap), 5*BudgetUnit); got != 5*DefaultMaxHeap {
		t.Errorf("Scale(heap, 5 MB) = %d MiB, want %d", got>>20, 5*DefaultMaxHeap>>20)
	}
	if got := Scale(time.Duration(0), 10*BudgetUnit); got != 0 {
		t.Errorf("no timeout scaled to %v", got)
	}
}
