package cache

import (
	"strconv"
	"testing"
)

// BenchmarkPut stores entries of a typical result's size under new keys,
// as a first run does: ns/op is the cost of keeping one file's result.
func BenchmarkPut(b *testing.B) {
	c := open(b, b.TempDir(), Options{})
	data := make([]byte, 3000)
	i := 0
	for b.Loop() {
		if err := c.Put(key(strconv.Itoa(i)), data); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkGet takes entries back from a cache another run filled, as a
// second run does: ns/op is the cost of one file's result.
func BenchmarkGet(b *testing.B) {
	dir := b.TempDir()
	w := open(b, dir, Options{})
	const n = 2000
	data := make([]byte, 3000)
	for i := range n {
		if err := w.Put(key(strconv.Itoa(i)), data); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
	c := open(b, dir, Options{})
	i := 0
	for b.Loop() {
		if _, ok := c.Get(key(strconv.Itoa(i % n))); !ok {
			b.Fatal("miss")
		}
		i++
	}
}
