//go:build stress

package config

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestStressLargeConfig: a 1.4 MB configuration of 100,000 keys parses in
// seconds (yaml.v3's own decoding compared every key with every other and
// took minutes). The deadline only catches a return to quadratic time; the
// speed itself is BenchmarkParseLarge's.
func TestStressLargeConfig(t *testing.T) {
	raw := manyKeys(100000)
	if len(raw) < 1_400_000 {
		t.Fatalf("generated %d bytes", len(raw))
	}
	start := time.Now()
	c, err := Parse("big.yaml", raw)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Data["acme"].(map[string]any)); n != 100000 {
		t.Errorf("%d keys", n)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %v", d)
	}
}

func manyKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("data:\n  acme:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    key%06d: 1\n", i)
	}
	return []byte(b.String())
}
