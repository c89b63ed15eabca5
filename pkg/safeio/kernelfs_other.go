//go:build !linux

package safeio

import "os"

// kernelFS: only Linux serves process data as regular files (/proc).
func kernelFS(*os.File) (bool, string) { return false, "" }
