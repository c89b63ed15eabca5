package fix

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// ErrSymlink is a Dockerfile that is a symbolic link: replacing it would
// cut the link, and writing through it would change a file the user did
// not name.
var ErrSymlink = errors.New("is a symbolic link; --fix writes only the file itself (name its target to fix that)")

// WriteFile replaces the Dockerfile at path with data: written to a
// temporary file beside it and renamed over it, with its permissions. It
// writes only the regular file itself (a symbolic link, FIFO or device is
// refused) and, when root is set (a file found in that tree, which lint
// reads only within it), only under root: every directory on the way is
// resolved inside root (os.Root), so no link sends the write elsewhere.
// The caller checks first that path holds what it fixed, read as lint
// reads it (pkg/lint's Linter.Read), so what lint refuses to read is never
// written either.
func WriteFile(path, root string, data []byte) (err error) {
	dir, name := filepath.Dir(path), filepath.Base(path)
	if root != "" {
		if name, err = safeio.Within(path, root); err != nil {
			return err
		}
		dir = root
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return safeio.Cause(err)
	}
	defer r.Close()
	st, err := r.Lstat(name)
	switch {
	case err != nil:
		return safeio.Cause(err)
	case st.Mode()&fs.ModeSymlink != 0:
		return ErrSymlink
	case !st.Mode().IsRegular():
		return safeio.ErrNotRegular
	}
	tmp, f, err := createTemp(r, name)
	if err != nil {
		return safeio.Cause(err)
	}
	defer func() {
		if err != nil {
			f.Close()
			r.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return safeio.Cause(err)
	}
	if err = f.Sync(); err != nil {
		return safeio.Cause(err)
	}
	if err = f.Chmod(st.Mode().Perm()); err != nil {
		return safeio.Cause(err)
	}
	if err = f.Close(); err != nil {
		return safeio.Cause(err)
	}
	if err = r.Rename(tmp, name); err != nil {
		return safeio.Cause(err)
	}
	return nil
}

// createTemp creates an empty file beside name in r, readable only by its
// owner until it is in place.
func createTemp(r *os.Root, name string) (string, *os.File, error) {
	dir, base := filepath.Split(name)
	for range 100 {
		var rnd [6]byte
		rand.Read(rnd[:])
		tmp := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(rnd[:]))
		f, err := r.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return tmp, f, err
	}
	return "", nil, errors.New("cannot create a temporary file beside it")
}
