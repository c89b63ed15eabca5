package testenv

import (
	"fmt"
	"strings"
)

// VmHWM is the peak resident set size, in bytes, that a Linux
// /proc/PID/status file reports (its VmHWM line); 0 if it has none. The
// memory tests follow the processes they start with it.
func VmHWM(status []byte) int64 {
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb << 10
		}
	}
	return 0
}
