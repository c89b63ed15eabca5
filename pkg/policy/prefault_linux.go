package policy

import (
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14; older kernels
// refuse it, and the pages are faulted in one by one as before).
const madvPopulateWrite = 23

// prefaultMin is the smallest allocation worth a system call.
const prefaultMin = 64 << 10

// prefault maps in, with one system call, the pages of a large block just
// allocated and about to be filled: a fresh heap page costs a page fault
// when first written, several microseconds each on the virtual machines
// this runs on, against well under one a page this way. The contents are
// not changed; only the whole pages within the block are touched.
func prefault[T any](s []T) {
	var zero T
	size := uintptr(cap(s)) * unsafe.Sizeof(zero)
	if size < prefaultMin {
		return
	}
	const page = 4096
	start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	end := (start + size) &^ (page - 1)
	start = (start + page - 1) &^ (page - 1)
	if end > start {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
	}
}
