package buildctx

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// maxFileSize caps what is read of a context file (.dockerignore, go.mod).
const maxFileSize = 1 << 20

// errNotRegular is returned for a FIFO, device, socket or directory.
var errNotRegular = errors.New("not a regular file")

// readRegular reads name inside root: a regular file of at most limit bytes.
// os.Root refuses a symlink that leads out of root; O_NONBLOCK keeps a FIFO
// swapped in after any check from blocking the open. Every read of a context
// file goes through here.
func readRegular(root *os.Root, name string, limit int64) ([]byte, error) {
	fh, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", name, errNotRegular)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return data, nil
}

// isRegular reports whether name inside root is a regular file (following
// symlinks that stay inside root).
func isRegular(root *os.Root, name string) bool {
	st, err := root.Stat(name)
	return err == nil && st.Mode().IsRegular()
}
