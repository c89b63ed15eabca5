package policy

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// addressSpaceSlack is what the address-space limit leaves above the heap
// limit: Go's reservations, thread stacks. The heap itself is held to its
// limit by watchHeap; this limit only turns one giant allocation
// (bits.lsh(1, 1e12)) into an immediate failure instead of a machine
// brought to its knees.
const addressSpaceSlack = 512 << 20

// limitMemory bounds the worker's address space for one evaluation: it may
// grow by maxHeap and the slack past base. (Not debug.SetMemoryLimit: near
// the limit the collector would run without pause and a runaway rule would
// take minutes to reach it.)
func limitMemory(base, maxHeap uint64) {
	if base == 0 {
		return
	}
	lim := base + maxHeap + addressSpaceSlack
	var cur syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &cur) == nil && cur.Max < lim {
		lim = cur.Max
	}
	rl := syscall.Rlimit{Cur: lim, Max: cur.Max}
	syscall.Setrlimit(syscall.RLIMIT_AS, &rl)
}

// addressSpace is the process's virtual memory size in bytes (0: unknown).
func addressSpace() uint64 {
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(raw))
	if len(fields) == 0 {
		return 0
	}
	pages, err := strconv.ParseUint(fields[0], 10, 64)
	if err != nil {
		return 0
	}
	return pages * uint64(os.Getpagesize())
}
