package policy

import "testing"

// TestPrefault: prefault leaves a block's contents as they are, whatever
// its size and alignment, and the block stays usable.
func TestPrefault(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 64<<10 - 1, 64 << 10, 64<<10 + 4097, 1 << 20} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*7 + 1)
		}
		prefault(b)
		prefault(b[min(n, 3):]) // not page-aligned
		for i := range b {
			if b[i] != byte(i*7+1) {
				t.Fatalf("size %d: byte %d changed", n, i)
			}
		}
		ptrs := make([]*int, n/8)
		prefault(ptrs)
		for i := range ptrs {
			ptrs[i] = &n
		}
		for i := range ptrs {
			if *ptrs[i] != n {
				t.Fatal("a pointer block written after prefault lost its values")
			}
		}
	}
}
