// Package cache is a directory of results keyed by a digest of everything
// that went into them, shared by the runs (and processes) that use it.
//
// Entries are records appended to a few shard logs (one write each), not a
// file each: creating a file costs far more than the entry is worth (on
// ext4 here 0.3–0.4 ms of kernel time, most of a first run's cost of the
// cache). Every record carries its key, its length and a checksum over
// both and its data, so a torn, corrupt or foreign record is a miss, never
// a wrong answer; a record that does not check out is skipped and the
// next one found by its magic. Records are appended with O_APPEND in one
// write, so processes sharing the cache do not interleave them (and where
// a file system does, the checksum fails: a miss). The directory may be
// shared with other users or planted with symbolic links: nothing is read
// or written outside it (os.Root), only regular files are read, at most a
// bounded prefix of each, and a FIFO or device in place of a log is a
// miss. The cache keeps to a size bound by rewriting the logs without the
// entries used least recently (Trim); the rewritten log is renamed into
// place, so a reader sees the old log or the new one.
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
	"syscall"
	"time"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Key names an entry: a digest of everything that can change it (see
// Hasher).
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Layout of the directory: records live in version/<shard>.log; a new
// format gets a new version directory, and Trim and Clean remove the old
// ones.
const (
	version = "v2"
	// magic starts a record; a reader that meets a bad record looks for
	// the next one by it.
	magic = "\x00gdc2\n"
	// header: magic, checksum, key, time (Unix seconds), length. The
	// checksum is over everything after it.
	header = len(magic) + sha256.Size + sha256.Size + 8 + 4
	shards = 64
	logExt = ".log"
	tmpPre = ".tmp-"
	// tagFile marks the directory as a cache (https://bford.info/cachedir/):
	// backup tools skip it.
	tagFile = "CACHEDIR.TAG"
	// oldTrimFile held v1's time of the last Trim.
	oldTrimFile = "trim.txt"
	tag         = "Signature: 8a477f597d28d172789f06886806bc55\n# This directory holds golint-docker's cache (golint-docker cache clean empties it).\n"
)

// Defaults.
const (
	// DefaultMaxBytes bounds the cache: a result is a few KiB, so this
	// holds the results of some 100,000 Dockerfiles.
	DefaultMaxBytes = 256 << 20
	// MaxEntry bounds one entry, written or read.
	MaxEntry = 8 << 20
	// touchAfter: a hit older than this is written again with the time of
	// the hit (what eviction goes by), not every hit: at most a copy a
	// day of what is used, which Trim drops.
	touchAfter = 24 * time.Hour
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
	root     *os.Root // the cache directory
	logs     *os.Root // its version directory; nil when it cannot be opened
	maxBytes int64
	now      func() time.Time

	mu     sync.Mutex
	shards [shards]*shard
}

// shard is one log as this Cache knows it: the records it indexed when it
// first needed the log, and those it wrote since. The file stays open, so
// a log another process rewrites (Trim) is read as it was indexed.
type shard struct {
	f     *os.File // nil: no log (yet)
	index map[Key]record
	// pending are records not written yet, at offsets in it, and their
	// keys: they go in one write when there are enough of them (a write
	// costs about as much as a small record) and before anything reads
	// the logs. A process that dies loses them: misses.
	pending   []byte
	unwritten map[Key]record
}

// flushAt is how much a shard gathers before it writes: a few records.
const flushAt = 16 << 10

// record is where an entry's record lies in its log.
type record struct {
	off  int64 // of the record's start
	size int   // of the whole record
	time int64 // when it was written, Unix seconds
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
	c := &Cache{dir: dir, root: root, maxBytes: opt.MaxBytes, now: time.Now}
	if c.maxBytes <= 0 {
		c.maxBytes = DefaultMaxBytes
	}
	if err := root.Mkdir(version, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		root.Close()
		return nil, fmt.Errorf("cache %s: %w", dir, safeio.Cause(err))
	}
	c.logs, _ = root.OpenRoot(version) // nil (every Get a miss) when planted out of the cache
	if _, err := root.Lstat(tagFile); errors.Is(err, fs.ErrNotExist) {
		_ = writeAtomic(c.root, tagFile, []byte(tag)) // a marker: its absence is harmless
	}
	return c, nil
}

// Dir is the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// Close releases the directory.
func (c *Cache) Close() error {
	c.Flush()
	c.mu.Lock()
	c.closeShards()
	c.mu.Unlock()
	if c.logs != nil {
		c.logs.Close()
	}
	return c.root.Close()
}

// closeShards forgets the logs read so far; c.mu is held.
func (c *Cache) closeShards() {
	for i, sh := range c.shards {
		if sh != nil && sh.f != nil {
			sh.f.Close()
		}
		c.shards[i] = nil
	}
}

func shardOf(k Key) int { return int(k[0]) % shards }

func logName(i int) string { return fmt.Sprintf("%02x%s", i, logExt) }

// readLimit bounds how much of a log is read: twice a shard's share of the
// bound and one entry.
func (c *Cache) readLimit() int64 { return 2*c.maxBytes/shards + int64(header+MaxEntry) }

// shard returns the log of shard i, indexed; c.mu is held.
func (c *Cache) shard(i int) *shard {
	if sh := c.shards[i]; sh != nil {
		return sh
	}
	sh := &shard{index: map[Key]record{}}
	c.shards[i] = sh
	if c.logs == nil {
		return sh
	}
	f, err := openLog(c.logs, logName(i), false)
	if err != nil {
		return sh
	}
	sh.f = f
	buf, err := io.ReadAll(io.LimitReader(f, c.readLimit()))
	if err != nil {
		return sh
	}
	for _, r := range scan(buf) {
		sh.index[r.key] = r.record
	}
	return sh
}

// openLog opens a log for reading and appending: a regular file in the
// directory itself (not a link to one), created when create is set.
func openLog(dir *os.Root, name string, create bool) (*os.File, error) {
	if st, err := dir.Lstat(name); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	flag := os.O_RDWR | os.O_APPEND | syscall.O_NONBLOCK
	if create {
		flag |= os.O_CREATE
	}
	f, err := dir.OpenFile(name, flag, 0o600)
	if err != nil && !create && !errors.Is(err, fs.ErrNotExist) {
		// A cache that cannot be written (a read-only mount) is still read.
		f, err = dir.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	}
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	lst, lerr := dir.Lstat(name)
	if err != nil || lerr != nil || !st.Mode().IsRegular() || !os.SameFile(st, lst) {
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	return f, nil
}

// scanned is a record found in a log.
type scanned struct {
	key Key
	record
}

// scan lists the intact records of a log, in order; whatever lies between
// them is skipped.
func scan(buf []byte) []scanned {
	var out []scanned
	for off := 0; off < len(buf); {
		i := bytes.Index(buf[off:], []byte(magic))
		if i < 0 {
			break
		}
		off += i
		k, t, size, ok := check(buf[off:])
		if !ok {
			off++
			continue
		}
		out = append(out, scanned{k, record{int64(off), size, t}})
		off += size
	}
	return out
}

// check reads the record at the start of raw: its key, time and size.
func check(raw []byte) (k Key, t int64, size int, ok bool) {
	if len(raw) < header || string(raw[:len(magic)]) != magic {
		return k, 0, 0, false
	}
	rest := raw[len(magic):]
	sum, body := rest[:sha256.Size], rest[sha256.Size:]
	copy(k[:], body)
	t = int64(binary.LittleEndian.Uint64(body[sha256.Size:]))
	n := binary.LittleEndian.Uint32(body[sha256.Size+8:])
	if n > MaxEntry || uint64(len(body)) < uint64(sha256.Size+8+4)+uint64(n) {
		return k, 0, 0, false
	}
	body = body[:sha256.Size+8+4+int(n)]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return k, 0, 0, false
	}
	return k, t, header + int(n), true
}

// encode frames data as a record for k written at t.
func encode(k Key, t time.Time, data []byte) []byte {
	raw := make([]byte, header, header+len(data))
	copy(raw, magic)
	body := raw[len(magic)+sha256.Size:]
	copy(body, k[:])
	binary.LittleEndian.PutUint64(body[sha256.Size:], uint64(t.Unix()))
	binary.LittleEndian.PutUint32(body[sha256.Size+8:], uint32(len(data)))
	raw = append(raw, data...)
	sum := sha256.Sum256(raw[len(magic)+sha256.Size:])
	copy(raw[len(magic):], sum[:])
	return raw
}

// Get returns the entry for k; ok is false on a miss, which includes an
// entry that is not a whole, intact entry for k.
func (c *Cache) Get(k Key) (data []byte, ok bool) {
	c.mu.Lock()
	sh := c.shard(shardOf(k))
	var raw []byte
	if r, ok := sh.unwritten[k]; ok {
		raw = bytes.Clone(sh.pending[r.off : r.off+int64(r.size)])
	}
	r, found := sh.index[k]
	f := sh.f
	c.mu.Unlock()
	if raw == nil {
		if !found || f == nil {
			return nil, false
		}
		raw = make([]byte, r.size)
		if _, err := f.ReadAt(raw, r.off); err != nil {
			return nil, false
		}
	}
	got, t, _, ok := check(raw)
	if !ok || got != k {
		return nil, false
	}
	data = raw[header:]
	if now := c.now(); now.Sub(time.Unix(t, 0)) > touchAfter {
		_ = c.Put(k, data) // eviction goes by this time
	}
	return data, true
}

// Put stores data as the entry for k, replacing any. An entry over
// MaxEntry is not stored.
func (c *Cache) Put(k Key, data []byte) error {
	if len(data) > MaxEntry {
		return fmt.Errorf("cache entry of %d bytes: over the %d-byte bound", len(data), MaxEntry)
	}
	if c.logs == nil {
		return fmt.Errorf("cache %s: cannot open %s", c.dir, version)
	}
	now := c.now()
	raw := encode(k, now, data)
	c.mu.Lock()
	defer c.mu.Unlock()
	sh := c.shard(shardOf(k))
	if sh.unwritten == nil {
		sh.unwritten = map[Key]record{}
	}
	sh.unwritten[k] = record{int64(len(sh.pending)), len(raw), now.Unix()}
	sh.pending = append(sh.pending, raw...)
	if len(sh.pending) < flushAt {
		return nil
	}
	return c.flush(shardOf(k))
}

// flush writes shard i's pending records to its log in one write; c.mu is
// held.
func (c *Cache) flush(i int) error {
	sh := c.shards[i]
	if sh == nil || len(sh.pending) == 0 {
		return nil
	}
	pending, unwritten := sh.pending, sh.unwritten
	sh.pending, sh.unwritten = nil, nil
	if sh.f == nil {
		f, err := openLog(c.logs, logName(i), true)
		if err != nil {
			// Something else lies where the log goes: a new log
			// replaces it (a directory stays).
			if err := writeAtomic(c.logs, logName(i), nil); err != nil {
				return err
			}
			if f, err = openLog(c.logs, logName(i), true); err != nil {
				return err
			}
		}
		sh.f = f
	}
	if _, err := sh.f.Write(pending); err != nil {
		return err
	}
	// With O_APPEND the offset is the end of this write, whatever other
	// processes appended before it.
	end, err := sh.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil // written, not indexed: misses in this run
	}
	base := end - int64(len(pending))
	for k, r := range unwritten {
		r.off += base
		sh.index[k] = r
	}
	return nil
}

// Flush writes every pending record.
func (c *Cache) Flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for i := range c.shards {
		if err := c.flush(i); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// writeAtomic writes a temporary file beside name and renames it into
// place. A crash leaves at worst a temporary file (Trim removes it) or, on
// a file system that reorders, a short file (its records fail their
// checksums: misses).
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

// logFile is a log or temporary file found in the version directory.
type logFile struct {
	name string
	size int64
	mod  time.Time
}

// files lists the logs and temporary files of the current version.
func (c *Cache) files() (logs, tmps []logFile) {
	if c.logs == nil {
		return nil, nil
	}
	names, _ := fs.ReadDir(c.logs.FS(), ".")
	for _, f := range names {
		info, err := f.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		e := logFile{f.Name(), info.Size(), info.ModTime()}
		switch {
		case strings.HasPrefix(f.Name(), tmpPre):
			tmps = append(tmps, e)
		case isLog(f.Name()):
			logs = append(logs, e)
		}
	}
	return logs, tmps
}

func isLog(name string) bool {
	for i := range shards {
		if name == logName(i) {
			return true
		}
	}
	return false
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

// removeOld removes the files of older formats (v1: a file per entry in
// version/<byte>/, and temporary files beside them) and their directories,
// when empty: nothing else.
func (c *Cache) removeOld() (s Stats, errs []error) {
	versions, _ := fs.ReadDir(c.root.FS(), ".")
	for _, v := range versions {
		if !v.IsDir() || !isVersion(v.Name()) || v.Name() == version {
			continue
		}
		dirs, _ := fs.ReadDir(c.root.FS(), v.Name())
		for _, d := range dirs {
			if !d.IsDir() || len(d.Name()) != 2 {
				continue
			}
			dir := path.Join(v.Name(), d.Name())
			files, _ := fs.ReadDir(c.root.FS(), dir)
			for _, f := range files {
				if !f.Type().IsRegular() || (!isKey(f.Name()) && !strings.HasPrefix(f.Name(), tmpPre)) {
					continue
				}
				info, _ := f.Info()
				if err := c.root.Remove(path.Join(dir, f.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, err)
				} else if isKey(f.Name()) && info != nil {
					s.Entries++
					s.Bytes += info.Size()
				}
			}
			_ = c.root.Remove(dir)
		}
		_ = c.root.Remove(v.Name())
	}
	_ = c.root.Remove(oldTrimFile)
	return s, errs
}

// Trim keeps the cache within its bound: when its logs are over it, they
// are rewritten with the latest record of each entry, the entries used
// least recently left out until they are at three quarters of it. Older
// formats and temporary files left by dead processes go too. Records other
// processes append to a log while it is rewritten are lost (misses).
// force rewrites the logs even under the bound.
func (c *Cache) Trim(force bool) error {
	c.Flush()
	now := c.now()
	c.removeOld()
	logs, tmps := c.files()
	for _, t := range tmps {
		if now.Sub(t.mod) > tmpAge {
			_ = c.logs.Remove(t.name)
		}
	}
	var total int64
	for _, l := range logs {
		total += l.size
	}
	if total <= c.maxBytes && !force {
		return nil
	}
	// First the records to keep, a log at a time (a full cache is not
	// read into memory at once), then each log rewritten with them.
	type kept struct {
		log int
		scanned
	}
	var all []kept
	for _, l := range logs {
		i, buf := c.readLog(l.name)
		latest := map[Key]int{}
		recs := scan(buf)
		for j, r := range recs {
			latest[r.key] = j
		}
		for j, r := range recs {
			if latest[r.key] == j {
				all = append(all, kept{i, r})
			}
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].time < all[b].time })
	total = 0
	for _, r := range all {
		total += int64(r.size)
	}
	for len(all) > 0 && total > c.maxBytes*3/4 {
		total -= int64(all[0].size)
		all = all[1:]
	}
	keep := map[int][]record{}
	for _, r := range all {
		keep[r.log] = append(keep[r.log], r.record)
	}
	var errs []error
	for _, l := range logs {
		i, buf := c.readLog(l.name)
		recs := keep[i]
		sort.Slice(recs, func(a, b int) bool { return recs[a].off < recs[b].off })
		var out []byte
		for _, r := range recs {
			if r.off+int64(r.size) <= int64(len(buf)) {
				out = append(out, buf[r.off:r.off+int64(r.size)]...)
			}
		}
		if err := writeAtomic(c.logs, logName(i), out); err != nil {
			errs = append(errs, err)
		}
	}
	// This Cache's own logs are the old ones now: read them again.
	c.mu.Lock()
	c.closeShards()
	c.mu.Unlock()
	return errors.Join(errs...)
}

// readLog reads the log name (up to the read limit) and says its shard.
func (c *Cache) readLog(name string) (shard int, buf []byte) {
	fmt.Sscanf(name, "%02x", &shard)
	f, err := openLog(c.logs, name, false)
	if err != nil {
		return shard, nil
	}
	defer f.Close()
	buf, _ = io.ReadAll(io.LimitReader(f, c.readLimit()))
	return shard, buf
}

// Stats describe the cache's entries.
type Stats struct {
	Entries int
	Bytes   int64
}

// Stats counts the entries of the current format and the size of their
// logs.
func (c *Cache) Stats() Stats {
	c.Flush()
	var s Stats
	logs, _ := c.files()
	for _, l := range logs {
		s.Bytes += l.size
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range shards {
		s.Entries += len(c.shard(i).index)
	}
	return s
}

// Clean removes every entry and temporary file (of every format) and the
// cache's own files, and nothing else: a directory given by mistake keeps
// what was there before.
func (c *Cache) Clean() (Stats, error) {
	s := c.Stats()
	c.mu.Lock()
	c.closeShards()
	c.mu.Unlock()
	old, errs := c.removeOld()
	s.Entries += old.Entries
	s.Bytes += old.Bytes
	logs, tmps := c.files()
	for _, l := range append(logs, tmps...) {
		if err := c.logs.Remove(l.name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	_ = c.root.Remove(version) // when empty: others' files stay
	if err := errors.Join(errs...); err != nil {
		return s, fmt.Errorf("cache %s: %w", c.dir, err)
	}
	return s, nil
}
