// Package limits holds the bounds on the work for one Dockerfile: how large
// a file is read, how long its rules may run and how far they may grow the
// heap. It is public API: a Go program that embeds the linter sets these.
package limits

import (
	"context"
	"time"
)

// Defaults, for files up to Unit; the timeout and heap defaults grow with
// larger files (see Budget).
const (
	DefaultTimeout     = 10 * time.Second
	DefaultMaxHeap     = 1 << 30
	DefaultMaxFileSize = 5 << 20
)

// Unit is the Dockerfile size the default budgets (the timeout, the heap
// limit) are meant for. The input document and the rules' work grow in
// proportion to the file, so for a larger file they grow too: a 10 MB
// Dockerfile of go builds takes about 20 s and 3 GiB on two cores, where a
// real one takes milliseconds.
const Unit = 1 << 20

// Budget is a limit on the work for one Dockerfile: Limit for files up to
// Unit and, with Grow, in proportion beyond. Defaults grow; values the user
// gives do not.
type Budget[T ~int64 | ~uint64] struct {
	Limit T
	Grow  bool
}

// For returns the limit for a Dockerfile of size bytes.
func (b Budget[T]) For(size int) T {
	if !b.Grow || size <= Unit {
		return b.Limit
	}
	return T(float64(b.Limit) * float64(size) / Unit)
}

// WithTimeout bounds ctx by the timeout b gives a Dockerfile of size bytes,
// and returns that timeout; a timeout of 0 leaves ctx unbounded.
func WithTimeout(ctx context.Context, b Budget[time.Duration], size int) (context.Context, context.CancelFunc, time.Duration) {
	d := b.For(size)
	if d <= 0 {
		return ctx, func() {}, d
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, d
}
