package buildctx

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// maxFileSize caps what is read of a context file (.dockerignore, go.mod).
const maxFileSize = 1 << 20

// readFile reads the context file name (slash-separated) inside dir through
// safeio: a regular file of at most maxFileSize bytes, within a deadline,
// never through a symbolic link that leaves dir. Every read of a context
// file goes through here.
func readFile(dir, name string) ([]byte, error) {
	return safeio.ReadFile(filepath.Join(dir, filepath.FromSlash(name)), maxFileSize, dir)
}

// isRegular reports whether name inside dir is a regular file (following
// symbolic links that stay inside dir).
func isRegular(dir, name string) bool {
	return safeio.IsRegular(filepath.Join(dir, filepath.FromSlash(name)), dir)
}

// absent reports whether a read failed because nothing is there (also when
// a parent is a file, or a symbolic link dangles).
func absent(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}
