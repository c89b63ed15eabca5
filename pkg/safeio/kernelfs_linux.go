package safeio

import (
	"os"
	"syscall"
)

// kernelFilesystems are pseudo file systems whose "regular" files are views
// of the kernel or a process (magic numbers from linux/magic.h).
var kernelFilesystems = map[int64]string{
	0x9fa0:     "/proc",
	0x62656572: "/sys",
	0x64626720: "debugfs",
	0x74726163: "tracefs",
	0x73636673: "securityfs",
	0xde5e81e4: "efivarfs",
	0x62656570: "configfs",
}

func kernelFS(f *os.File) (bool, string) {
	var st syscall.Statfs_t
	rc, err := f.SyscallConn()
	if err != nil {
		return false, ""
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.Fstatfs(int(fd), &st) }); err != nil || serr != nil {
		return false, ""
	}
	name, ok := kernelFilesystems[int64(st.Type)]
	return ok, name
}
