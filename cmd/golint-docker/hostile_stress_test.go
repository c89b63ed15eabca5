//go:build stress

package main

import "testing"

// TestStressHostile runs the rows of issue 9's table that take seconds: a
// policy run to its timeout or memory limit, a 100,000-key configuration.
func TestStressHostile(t *testing.T) {
	runHostile(t, true)
}
