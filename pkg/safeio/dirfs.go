package safeio

import (
	"context"
	"io/fs"
	"os"
	"syscall"
)

// DirFS is the tree under dir as an fs.FS that reads the way ReadFile does:
// regular files of at most limit bytes, within Timeout, symbolic links
// followed only while they stay under dir. Directories can be listed.
func DirFS(dir string, limit int64) (fs.FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, Cause(err)
	}
	// The root stays open as long as the FS is used: a --policy directory is
	// read once, at start-up.
	return &dirFS{root: r, limit: limit}, nil
}

type dirFS struct {
	root  *os.Root
	limit int64
}

var _ interface {
	fs.ReadFileFS
	fs.ReadDirFS
} = (*dirFS)(nil)

func (d *dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := d.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, d.pathError(name, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, d.pathError(name, err)
	}
	if st.IsDir() {
		return f, nil
	}
	if err := checkRegular(f); err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f, nil
}

func (d *dirFS) ReadFile(name string) ([]byte, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, d.pathError(name, err)
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if st.Size() > d.limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(d.limit)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	data, err := ReadAll(ctx, f, d.limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(d.root.FS(), name)
}

func (d *dirFS) pathError(name string, err error) error {
	if isEscape(err) {
		err = ErrOutside
	}
	return &fs.PathError{Op: "open", Path: name, Err: Cause(err)}
}
