// Package cache is a directory of results keyed by a digest of everything
// that went into them, shared by the runs (and processes) that use it.
//
// An entry is written to a temporary file and renamed into place, so a
// reader sees a whole entry or none. Every entry carries its key, its
// length and a checksum: a truncated, corrupt or foreign file is a miss,
// never a wrong answer. The directory may be shared with other users or
// planted with symbolic links: nothing is read or written outside it
// (os.Root), only regular files of bounded size are read, and a FIFO or
// device in place of an entry is a miss. The cache keeps to a size bound by
// evicting the entries used least recently (Trim).
//
// Not public API: pkg/app's result cache, free to change.
package cache

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Key names an entry: a digest of everything that can change it (see
// Hasher).
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Layout of the directory: entries live under version/<first byte in
// hex>/<key in hex>; a new format gets a new version directory, and Clean
// removes the old ones too.
const (
	version = "v1"
	magic   = "golint-docker cache v1\n"
	header  = len(magic) + sha256.Size + 4 + sha256.Size // magic, key, length, checksum
	tmpPre  = ".tmp-"
	// tagFile marks the directory as a cache (https://bford.info/cachedir/):
	// backup tools skip it.
	tagFile = "CACHEDIR.TAG"
	tag     = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory holds golint-docker's cache (golint-docker cache clean empties it).\n"
	// trimFile holds the time of the last Trim.
	trimFile = "trim.txt"
)

// Defaults.
const (
	// DefaultMaxBytes bounds the cache: a result is a few KiB, so this
	// holds the results of some 100,000 Dockerfiles.
	DefaultMaxBytes = 256 << 20
	// MaxEntry bounds one entry, written or read.
	MaxEntry = 8 << 20
	// touchAfter: a hit refreshes the entry's time (what eviction goes by)
	// when it is older than this, not on every read.
	touchAfter = time.Hour
	// trimEvery: Trim walks the directory at most this often, unless a run
	// wrote a good part of the bound.
	trimEvery = time.Hour
	// tmpAge: a temporary file this old was left by a process that died.
	tmpAge = time.Hour
)

// Options configure a Cache.
type Options struct {
	// MaxBytes bounds the size of the entries; 0 means DefaultMaxBytes.
	MaxBytes int64
}

// Cache is an open cache directory. It is safe for concurrent use, also by
// several processes on the same directory.
type Cache struct {
	dir      string
	root     *os.Root
	maxBytes int64
	written  atomic.Int64 // bytes this Cache wrote, for Trim
	now      func() time.Time

	// shards are the entry directories opened so far: an entry is then
	// one name in an open directory, not a path walked anew each time.
	mu     sync.Mutex
	shards map[byte]*os.Root
}

// DefaultDir is where the cache lives unless told otherwise:
// $XDG_CACHE_HOME/golint-docker, else the system's user cache directory
// (os.UserCacheDir). getenv reads the environment.
func DefaultDir(getenv func(string) string) (string, error) {
	if x := getenv("XDG_CACHE_HOME"); x != "" {
		if !filepath.IsAbs(x) {
			return "", fmt.Errorf("XDG_CACHE_HOME %q is not an absolute path", x)
		}
		return filepath.Join(x, "golint-docker"), nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "golint-docker"), nil
}

// Open opens the cache in dir, creating it (readable by its owner only)
// when it is not there.
func Open(dir string, opt Options) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache %s: %w", dir, safeio.Cause(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", dir, safeio.Cause(err))
	}
	c := &Cache{dir: dir, root: root, maxBytes: opt.MaxBytes, now: time.Now, shards: map[byte]*os.Root{}}
	if c.maxBytes <= 0 {
		c.maxBytes = DefaultMaxBytes
	}
	if err := root.Mkdir(version, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		root.Close()
		return nil, fmt.Errorf("cache %s: %w", dir, safeio.Cause(err))
	}
	if _, err := root.Lstat(tagFile); errors.Is(err, fs.ErrNotExist) {
		_ = writeAtomic(c.root, tagFile, []byte(tag)) // a marker: its absence is harmless
	}
	return c, nil
}

// Dir is the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// Close releases the directory.
func (c *Cache) Close() error {
	c.closeShards()
	return c.root.Close()
}

func (c *Cache) closeShards() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for b, sh := range c.shards {
		sh.Close()
		delete(c.shards, b)
	}
}

func entryPath(k Key) string {
	h := k.String()
	return path.Join(version, h[:2], h)
}

// shard opens the directory of k's entry, creating it when create is set;
// nil when it is not there or cannot be opened (a symlink out of the
// cache, say).
func (c *Cache) shard(k Key, create bool) *os.Root {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sh, ok := c.shards[k[0]]; ok {
		return sh
	}
	dir := path.Dir(entryPath(k))
	if create {
		if err := c.root.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil
		}
	}
	sh, err := c.root.OpenRoot(dir)
	if err != nil {
		return nil
	}
	c.shards[k[0]] = sh
	return sh
}

// Get returns the entry for k; ok is false on a miss, which includes an
// entry that is not a whole, intact entry for k.
func (c *Cache) Get(k Key) (data []byte, ok bool) {
	sh := c.shard(k, false)
	if sh == nil {
		return nil, false
	}
	name := k.String()
	fh, err := sh.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, false
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < int64(header) || st.Size() > int64(header+MaxEntry) {
		return nil, false
	}
	raw := make([]byte, st.Size())
	if _, err := io.ReadFull(fh, raw); err != nil {
		return nil, false
	}
	data, ok = decode(k, raw)
	if !ok {
		return nil, false
	}
	if now := c.now(); now.Sub(st.ModTime()) > touchAfter {
		_ = sh.Chtimes(name, now, now) // eviction goes by this time
	}
	return data, true
}

// Put stores data as the entry for k, replacing any. An entry over
// MaxEntry is not stored.
func (c *Cache) Put(k Key, data []byte) error {
	if len(data) > MaxEntry {
		return fmt.Errorf("cache entry of %d bytes: over the %d-byte bound", len(data), MaxEntry)
	}
	sh := c.shard(k, true)
	if sh == nil {
		return fmt.Errorf("cache %s: cannot open the directory of %s", c.dir, entryPath(k))
	}
	raw := encode(k, data)
	if err := writeAtomic(sh, k.String(), raw); err != nil {
		return err
	}
	c.written.Add(int64(len(raw)))
	return nil
}

// encode frames data: magic, key, length, checksum, data.
func encode(k Key, data []byte) []byte {
	raw := make([]byte, 0, header+len(data))
	raw = append(raw, magic...)
	raw = append(raw, k[:]...)
	raw = binary.LittleEndian.AppendUint32(raw, uint32(len(data)))
	sum := sha256.Sum256(data)
	raw = append(raw, sum[:]...)
	return append(raw, data...)
}

// decode checks the frame and returns the data.
func decode(k Key, raw []byte) ([]byte, bool) {
	if len(raw) < header || string(raw[:len(magic)]) != magic {
		return nil, false
	}
	rest := raw[len(magic):]
	if !bytes.Equal(rest[:len(k)], k[:]) {
		return nil, false
	}
	rest = rest[len(k):]
	n := binary.LittleEndian.Uint32(rest)
	rest = rest[4:]
	sum, data := rest[:sha256.Size], rest[sha256.Size:]
	if uint64(len(data)) != uint64(n) {
		return nil, false
	}
	if got := sha256.Sum256(data); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return data, true
}

// writeAtomic writes a temporary file beside name and renames it into
// place. A crash leaves at worst a temporary file (Trim removes it) or, on
// a file system that reorders, a short entry (a miss: its checksum fails).
func writeAtomic(root *os.Root, name string, raw []byte) error {
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(path.Dir(name), tmpPre+hex.EncodeToString(rnd[:]))
	fh, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = fh.Write(raw)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp)
	}
	return err
}

// entry is a file found by a walk of the entries.
type entry struct {
	name string
	size int64
	mod  time.Time
}

// walk lists the entries and the temporary files of every version, old
// formats included.
func (c *Cache) walk(all bool) (entries, tmps []entry) {
	versions, _ := fs.ReadDir(c.root.FS(), ".")
	for _, v := range versions {
		if !v.IsDir() || !isVersion(v.Name()) || (!all && v.Name() != version) {
			continue
		}
		shards, _ := fs.ReadDir(c.root.FS(), v.Name())
		for _, s := range shards {
			if !s.IsDir() || len(s.Name()) != 2 {
				continue
			}
			dir := path.Join(v.Name(), s.Name())
			files, _ := fs.ReadDir(c.root.FS(), dir)
			for _, f := range files {
				info, err := f.Info()
				if err != nil || !info.Mode().IsRegular() {
					continue
				}
				e := entry{path.Join(dir, f.Name()), info.Size(), info.ModTime()}
				switch {
				case strings.HasPrefix(f.Name(), tmpPre):
					tmps = append(tmps, e)
				case isKey(f.Name()):
					entries = append(entries, e)
				}
			}
		}
	}
	return entries, tmps
}

func isVersion(name string) bool {
	if len(name) < 2 || name[0] != 'v' {
		return false
	}
	for _, r := range name[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isKey(name string) bool {
	if len(name) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}

// Trim keeps the cache within its bound: when it is over, the entries used
// least recently go until it is at three quarters of it. Entries of older
// formats and temporary files left by dead processes go too. It walks the
// directory at most once an hour, unless this Cache wrote an eighth of the
// bound since; force walks it anyway.
func (c *Cache) Trim(force bool) error {
	now := c.now()
	if !force && c.written.Load() < c.maxBytes/8 {
		if raw, err := c.root.ReadFile(trimFile); err == nil {
			var last int64
			if _, err := fmt.Sscan(string(raw), &last); err == nil && now.Sub(time.Unix(last, 0)) < trimEvery {
				return nil
			}
		}
	}
	c.written.Store(0)
	entries, tmps := c.walk(true)
	for _, t := range tmps {
		if now.Sub(t.mod) > tmpAge {
			_ = c.root.Remove(t.name)
		}
	}
	var total int64
	kept := entries[:0]
	for _, e := range entries {
		if !strings.HasPrefix(e.name, version+"/") {
			_ = c.root.Remove(e.name) // a format this binary cannot read
			continue
		}
		total += e.size
		kept = append(kept, e)
	}
	if total > c.maxBytes {
		sort.Slice(kept, func(i, j int) bool { return kept[i].mod.Before(kept[j].mod) })
		for _, e := range kept {
			if total <= c.maxBytes*3/4 {
				break
			}
			if err := c.root.Remove(e.name); err == nil || errors.Is(err, fs.ErrNotExist) {
				total -= e.size
			}
		}
	}
	return writeAtomic(c.root, trimFile, fmt.Appendf(nil, "%d\n", now.Unix()))
}

// Stats describe the cache's entries.
type Stats struct {
	Entries int
	Bytes   int64
}

// Stats counts the entries of the current format.
func (c *Cache) Stats() Stats {
	entries, _ := c.walk(false)
	var s Stats
	for _, e := range entries {
		s.Entries++
		s.Bytes += e.size
	}
	return s
}

// Clean removes every entry and temporary file (of every format) and the
// cache's own files, and nothing else: a directory given by mistake keeps
// what was there before.
func (c *Cache) Clean() (Stats, error) {
	c.closeShards()
	entries, tmps := c.walk(true)
	var s Stats
	var errs []error
	for _, e := range append(entries, tmps...) {
		if err := c.root.Remove(e.name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		if isKey(path.Base(e.name)) {
			s.Entries++
			s.Bytes += e.size
		}
	}
	// Directories left empty go; others (not ours) stay.
	versions, _ := fs.ReadDir(c.root.FS(), ".")
	for _, v := range versions {
		if !v.IsDir() || !isVersion(v.Name()) {
			continue
		}
		shards, _ := fs.ReadDir(c.root.FS(), v.Name())
		for _, sh := range shards {
			if sh.IsDir() && len(sh.Name()) == 2 {
				_ = c.root.Remove(path.Join(v.Name(), sh.Name()))
			}
		}
		_ = c.root.Remove(v.Name())
	}
	_ = c.root.Remove(trimFile)
	if err := errors.Join(errs...); err != nil {
		return s, fmt.Errorf("cache %s: %w", c.dir, err)
	}
	return s, nil
}
