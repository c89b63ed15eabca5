//go:build !linux

package policy

// limitMemory: outside Linux only the heap watchdog bounds the worker.
func limitMemory(_, _ uint64) {}

func addressSpace() uint64 { return 0 }
