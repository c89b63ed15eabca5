package initgen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/golint-docker/golint-docker/pkg/report"
)

// ErrExists is returned when a file init would write exists and Force is
// not set.
var ErrExists = errors.New("exists")

// Write writes the files into dir: Dockerfile and .dockerignore, each
// atomically. Without force an existing file is not replaced, nor with
// it one that is not a regular file (a link, a FIFO); then neither file is
// written.
func Write(dir string, files Files, force bool) ([]string, error) {
	targets := []struct {
		name string
		data []byte
	}{{"Dockerfile", files.Dockerfile}, {".dockerignore", files.Dockerignore}}
	for _, t := range targets {
		p := filepath.Join(dir, t.name)
		st, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, err
		case !st.Mode().IsRegular():
			// Not even with --force: replacing a link would write where it
			// leads or cut it, and a FIFO would wait for a reader.
			what := "a symbolic link"
			switch {
			case st.IsDir():
				what = "a directory"
			case st.Mode()&fs.ModeNamedPipe != 0:
				what = "a named pipe"
			case st.Mode()&fs.ModeSymlink == 0:
				what = "a device or socket"
			}
			return nil, fmt.Errorf("%s is not a regular file (%s): init replaces only regular files", p, what)
		case !force:
			return nil, fmt.Errorf("%s %w: --force replaces it", p, ErrExists)
		}
	}
	var written []string
	for _, t := range targets {
		p := filepath.Join(dir, t.name)
		af, err := report.CreateAtomic(p)
		if err != nil {
			return written, err
		}
		if _, err := af.Write(t.data); err != nil {
			af.Abort()
			return written, fmt.Errorf("%s: %w", p, err)
		}
		if err := af.Commit(); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}
