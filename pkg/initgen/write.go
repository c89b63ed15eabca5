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
// atomically. Without force an existing file is not replaced, and then
// neither file is written.
func Write(dir string, files Files, force bool) ([]string, error) {
	targets := []struct {
		name string
		data []byte
	}{{"Dockerfile", files.Dockerfile}, {".dockerignore", files.Dockerignore}}
	if !force {
		for _, t := range targets {
			p := filepath.Join(dir, t.name)
			if _, err := os.Lstat(p); err == nil {
				return nil, fmt.Errorf("%s %w: --force replaces it", p, ErrExists)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
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
