package discover

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzFiles: a file of any name in a searched directory is found exactly
// when IsDockerfile says so.
func FuzzFiles(f *testing.F) {
	for _, s := range []string{"Dockerfile", "Dockerfile.prod", "api.Dockerfile", "Containerfile", "Dockerfile.dockerignore", "x.txt", ".Dockerfile", "Dockerfile."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") || len(name) > 200 {
			return
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, name), []byte("FROM scratch\n"), 0o644); err != nil {
			return // a name this file system refuses
		}
		files, _ := Files([]string{dir})
		found := slices.Contains(files, File{Path: filepath.Join(dir, name), Root: dir})
		if found != IsDockerfile(name) {
			t.Fatalf("%q: found=%v IsDockerfile=%v", name, found, IsDockerfile(name))
		}
	})
}
