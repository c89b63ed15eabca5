package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/cache"
)

// entries counts the result cache's entries in dir.
func entries(dir string) int {
	if _, err := os.Stat(dir); err != nil {
		return 0
	}
	c, err := cache.Open(dir, cache.Options{})
	if err != nil {
		return 0
	}
	defer c.Close()
	return c.Stats().Entries
}

// TestCacheCommand: the cache is on by default under $XDG_CACHE_HOME,
// --cache-dir moves it, --no-cache turns it off, the reports are the same
// either way, and `cache clean` empties it.
func TestCacheCommand(t *testing.T) {
	xdg := t.TempDir()
	vars := map[string]string{"XDG_CACHE_HOME": xdg}
	def := filepath.Join(xdg, "golint-docker")
	if r := golint(t, "", vars, "cache", "dir"); r.code != 0 || r.stdout != def+"\n" {
		t.Fatalf("cache dir: %d %q %q", r.code, r.stdout, r.stderr)
	}
	plain := golint(t, "", vars, "--no-cache", "--format", "json", guide)
	if entries(def) != 0 {
		t.Fatal("--no-cache wrote to the cache")
	}
	for range 2 {
		if r := golint(t, "", vars, "--format", "json", guide); r.code != plain.code || r.stdout != plain.stdout {
			t.Fatalf("with the cache: exit %d\n%s\nwithout: exit %d\n%s", r.code, r.stdout, plain.code, plain.stdout)
		}
	}
	if n := entries(def); n != 1 { // the file: its evidence and its result
		t.Fatalf("%d entries in the default cache, want 1", n)
	}
	other := filepath.Join(t.TempDir(), "c")
	if r := golint(t, "", vars, "--cache-dir", other, "--format", "json", guide); r.stdout != plain.stdout || entries(other) != 1 {
		t.Fatalf("--cache-dir: %d entries\n%s", entries(other), r.stderr)
	}
	r := golint(t, "", vars, "cache", "clean")
	if r.code != 0 || !strings.Contains(r.stdout, "removed 1 cached file (") || entries(def) != 0 {
		t.Fatalf("cache clean: %d %q %q, %d entries left", r.code, r.stdout, r.stderr, entries(def))
	}
	if r := golint(t, "", vars, "cache", "clean", "--cache-dir", other); r.code != 0 || entries(other) != 0 {
		t.Fatalf("cache clean --cache-dir: %d %q", r.code, r.stderr)
	}
	// Without a home or XDG_CACHE_HOME, no default cache: a run works,
	// `cache dir` says so.
	if r := golint(t, "", nil, "cache", "dir"); r.code != 2 || !strings.Contains(r.stderr, "no cache directory") {
		t.Fatalf("cache dir without a home: %d %q", r.code, r.stderr)
	}
	if r := golint(t, "", map[string]string{"XDG_CACHE_HOME": "relative"}, clean); r.code != 0 || !strings.Contains(r.stderr, "cache not used: XDG_CACHE_HOME") {
		t.Fatalf("a relative XDG_CACHE_HOME: %d %q", r.code, r.stderr)
	}
}
