package cache

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func key(s string) Key { return NewHasher().AddString("test", s).Key() }

func open(t testing.TB, dir string, opt Options) *Cache {
	t.Helper()
	c, err := Open(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestPutGet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	c := open(t, dir, Options{})
	if _, ok := c.Get(key("x")); ok {
		t.Fatal("hit in an empty cache")
	}
	for _, data := range [][]byte{[]byte("result"), {}, bytes.Repeat([]byte{0xff}, 100000)} {
		if err := c.Put(key("x"), data); err != nil {
			t.Fatal(err)
		}
		got, ok := c.Get(key("x"))
		if !ok || !bytes.Equal(got, data) {
			t.Fatalf("Get after Put of %d bytes: %d bytes, %v", len(data), len(got), ok)
		}
	}
	if _, ok := c.Get(key("y")); ok {
		t.Fatal("hit on another key")
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("cache directory: %v, %v (want mode 0700)", st.Mode(), err)
	}
	if tag, err := os.ReadFile(filepath.Join(dir, tagFile)); err != nil || !strings.HasPrefix(string(tag), "Signature: 8a477f597d28d172789f06886806bc55") {
		t.Fatalf("CACHEDIR.TAG: %q, %v", tag, err)
	}
	if err := c.Put(key("big"), make([]byte, MaxEntry+1)); err == nil {
		t.Fatal("an entry over MaxEntry was stored")
	}
}

// TestFlush: a Cache gathers small records and writes them together; it
// reads its own at once, others read them once written (Flush, Close,
// or enough of them).
func TestFlush(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.Put(key("a"), []byte("A"))
	if got, ok := c.Get(key("a")); !ok || string(got) != "A" {
		t.Fatalf("own pending record: %q, %v", got, ok)
	}
	if _, ok := open(t, dir, Options{}).Get(key("a")); ok {
		t.Fatal("another Cache read a record not written yet")
	}
	c.Put(key("a"), []byte("A2"))
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got, ok := open(t, dir, Options{}).Get(key("a")); !ok || string(got) != "A2" {
		t.Fatalf("after Close: %q, %v", got, ok)
	}
	// Enough records in one shard are written without Flush.
	c = open(t, dir, Options{})
	var keys []Key
	for i := 0; len(keys) < flushAt/100+1; i++ {
		if k := key("b" + strconv.Itoa(i)); shardOf(k) == shardOf(key("a")) {
			keys = append(keys, k)
			c.Put(k, make([]byte, 100))
		}
	}
	if _, ok := open(t, dir, Options{}).Get(keys[0]); !ok {
		t.Fatal("a full shard was not written")
	}
}

// TestBadEntries: whatever lies where a log should be, Get misses —
// quickly, without reading outside the cache or blocking — unless an intact
// record for the key is in it, and a Put afterwards repairs it.
func TestBadEntries(t *testing.T) {
	outside := t.TempDir()
	now := time.Now()
	good := encode(key("k"), now, []byte("the right answer"))
	other := encode(key("other"), now, []byte("another file's answer"))
	flip := bytes.Clone(good)
	flip[len(flip)-1] ^= 1
	badTime := bytes.Clone(good)
	badTime[len(magic)+2*32] ^= 1
	for _, tc := range []struct {
		name  string
		plant func(t *testing.T, path string)
		hit   bool
	}{
		{"empty file", func(t *testing.T, p string) { write(t, p, nil) }, false},
		{"truncated", func(t *testing.T, p string) { write(t, p, good[:len(good)-3]) }, false},
		{"header only", func(t *testing.T, p string) { write(t, p, good[:header]) }, false},
		{"a flipped bit", func(t *testing.T, p string) { write(t, p, flip) }, false},
		{"a flipped bit in the header", func(t *testing.T, p string) { write(t, p, badTime) }, false},
		{"another key's entry", func(t *testing.T, p string) { write(t, p, other) }, false},
		{"garbage", func(t *testing.T, p string) { write(t, p, []byte(magic+"not really")) }, false},
		{"another format", func(t *testing.T, p string) {
			write(t, p, []byte("golint-docker cache v1\n"+string(good[len(magic):])))
		}, false},
		{"a directory", func(t *testing.T, p string) { os.MkdirAll(p, 0o700) }, false},
		{"a FIFO", func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Skip("no FIFO:", err)
			}
		}, false},
		{"a symlink out of the cache to a valid log", func(t *testing.T, p string) {
			target := filepath.Join(outside, "planted")
			write(t, target, good)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a symlink in the cache to a valid log", func(t *testing.T, p string) {
			write(t, filepath.Join(filepath.Dir(p), "inside"), good)
			if err := os.Symlink("inside", p); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a symlink to a device", func(t *testing.T, p string) { os.Symlink("/dev/zero", p) }, false},
		{"beyond the read limit", func(t *testing.T, p string) {
			fh, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			fh.Truncate(3 * MaxEntry)
			fh.Seek(0, 2)
			fh.Write(good)
			fh.Close()
		}, false},
		// A torn record (a crash mid-append) is skipped: the records
		// around it are found.
		{"intact after torn and garbage", func(t *testing.T, p string) {
			write(t, p, slices.Concat(other[:len(other)-5], []byte("junk"), good, flip[:9]))
		}, true},
		{"trailing bytes", func(t *testing.T, p string) { write(t, p, append(bytes.Clone(good), '!')) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			c := open(t, dir, Options{MaxBytes: 1 << 20})
			p := filepath.Join(dir, version, logName(shardOf(key("k"))))
			tc.plant(t, p)
			done := make(chan bool)
			go func() {
				data, ok := c.Get(key("k"))
				done <- ok && string(data) == "the right answer"
			}()
			select {
			case ok := <-done:
				if ok != tc.hit {
					t.Fatalf("hit: %v, want %v", ok, tc.hit)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Get blocked")
			}
			if tc.name == "a directory" {
				c.Put(key("k"), []byte("fixed"))
				if err := c.Flush(); err == nil {
					t.Fatal("Put over a directory")
				}
				return // nothing can be renamed over a directory: it stays a miss
			}
			if err := c.Put(key("k"), []byte("fixed")); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(key("k")); !ok || string(got) != "fixed" {
				t.Fatalf("after Put: %q, %v", got, ok)
			}
			if err := c.Flush(); err != nil {
				t.Fatal(err)
			}
			if tc.name == "beyond the read limit" {
				// Unreadable records stay until Trim rewrites the log.
				c.Trim(false)
				c.Put(key("k"), []byte("fixed"))
				c.Flush()
			}
			if got, ok := open(t, dir, Options{}).Get(key("k")); !ok || string(got) != "fixed" {
				t.Fatalf("after Put, another Cache: %q, %v", got, ok)
			}
			if raw, err := os.ReadFile(filepath.Join(outside, "planted")); err == nil && !bytes.Equal(raw, good) {
				t.Fatal("Put wrote through the symlink, outside the cache")
			}
		})
	}
}

// TestVersionOutside: a version directory replaced by a symlink out of the
// cache is neither read nor written.
func TestVersionOutside(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, logName(shardOf(key("k")))), encode(key("k"), time.Now(), []byte("planted")))
	if err := os.Symlink(outside, filepath.Join(dir, version)); err != nil {
		t.Fatal(err)
	}
	c := open(t, dir, Options{})
	if _, ok := c.Get(key("k")); ok {
		t.Fatal("read through a symlink out of the cache")
	}
	if err := c.Put(key("k"), []byte("x")); err == nil {
		t.Fatal("wrote through a symlink out of the cache")
	}
	files, _ := os.ReadDir(outside)
	if len(files) != 1 {
		t.Fatalf("files outside: %v", files)
	}
}

func write(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestTrim: over the bound, the entries used least recently go first, down
// to three quarters of it; a hit counts as a use. Old formats and stale
// temporary files go; recent temporary files (a run writing now) stay.
func TestTrim(t *testing.T) {
	dir := t.TempDir()
	entry := int64(header + 1000)
	c := open(t, dir, Options{MaxBytes: 10 * entry})
	clock := time.Now().Add(-100 * time.Hour)
	c.now = func() time.Time { return clock }
	for i := range 20 {
		if err := c.Put(key(strconv.Itoa(i)), make([]byte, 1000)); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(2 * time.Hour)
	}
	// Entry 0, the oldest, is used now.
	if _, ok := c.Get(key("0")); !ok {
		t.Fatal("miss")
	}
	os.MkdirAll(filepath.Join(dir, "v1", "ab"), 0o700)
	write(t, filepath.Join(dir, "v1", "ab", key("old").String()), []byte("old format"))
	write(t, filepath.Join(dir, "v1", "ab", "notes"), []byte("not the cache's"))
	stale := filepath.Join(dir, version, tmpPre+"dead")
	fresh := filepath.Join(dir, version, tmpPre+"live")
	write(t, stale, []byte("x"))
	write(t, fresh, []byte("x"))
	os.Chtimes(stale, clock.Add(-2*time.Hour), clock.Add(-2*time.Hour))
	os.Chtimes(fresh, clock, clock)
	if err := c.Trim(false); err != nil {
		t.Fatal(err)
	}
	s := open(t, dir, Options{}).Stats()
	if s.Bytes > 10*entry*3/4 || s.Entries != 7 {
		t.Fatalf("after Trim: %+v, want 7 entries (3/4 of the bound)", s)
	}
	for _, c := range []*Cache{c, open(t, dir, Options{})} {
		for i := range 20 {
			_, ok := c.Get(key(strconv.Itoa(i)))
			if want := i == 0 || i >= 14; ok != want {
				t.Errorf("entry %d kept: %v, want %v", i, ok, want)
			}
		}
	}
	for p, want := range map[string]bool{
		stale: false, fresh: true,
		filepath.Join(dir, "v1", "ab", key("old").String()): false,
		filepath.Join(dir, "v1", "ab", "notes"):             true,
	} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s kept: %v, want %v", p, err == nil, want)
		}
	}
	// Under the bound, Trim leaves the logs alone.
	big := open(t, dir, Options{})
	before := big.Stats()
	big.Trim(false)
	if s := big.Stats(); s != before {
		t.Fatalf("Trim under the bound: %+v, was %+v", s, before)
	}
}

// TestClean removes the cache's files and leaves what else is there.
func TestClean(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, Options{})
	for i := range 5 {
		c.Put(key(strconv.Itoa(i)), []byte("data"))
	}
	write(t, filepath.Join(dir, "mine.txt"), []byte("not the cache's"))
	os.MkdirAll(filepath.Join(dir, version, "zz"), 0o700)
	write(t, filepath.Join(dir, version, "zz", "notes"), []byte("not the cache's"))
	s, err := c.Clean()
	if err != nil || s.Entries != 5 {
		t.Fatalf("Clean: %+v, %v", s, err)
	}
	if _, ok := c.Get(key("1")); ok {
		t.Fatal("an entry survived")
	}
	for _, p := range []string{"mine.txt", filepath.Join(version, "zz", "notes")} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if err := c.Put(key("1"), []byte("again")); err == nil {
		t.Log("the cache works after Clean")
	}
}

func TestHasher(t *testing.T) {
	a := NewHasher().AddString("x", "ab").AddString("y", "c").Key()
	b := NewHasher().AddString("x", "a").AddString("y", "bc").Key()
	c := NewHasher().AddString("xa", "b").AddString("y", "c").Key()
	again := NewHasher().AddString("x", "ab").AddString("y", "c").Key()
	if a == b || a == c || b == c || a != again {
		t.Fatal("keys collide or are not stable")
	}
}

// TestExecutableID: the Go build ID, as `go tool buildid` reads it.
func TestExecutableID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id, err := ExecutableID()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := "go:" + strings.TrimSpace(string(out)); id != want {
		t.Fatalf("ExecutableID %q, want %q", id, want)
	}
	// Without a build ID, the digest of the file.
	plain := filepath.Join(t.TempDir(), "plain")
	write(t, plain, []byte("#!/bin/sh\n"))
	if id, err := FileID(plain); err != nil || !strings.HasPrefix(id, "sha256:") {
		t.Fatalf("FileID of a script: %q, %v", id, err)
	}
	raw := []byte("junk\xff Go build ID: \"abc/def\"\n \xffmore")
	if id, err := rawBuildID(raw); err != nil || id != "abc/def" {
		t.Fatalf("rawBuildID: %q, %v", id, err)
	}
}

// TestProcesses: processes writing and reading the same entries at once
// never see a part of one. Each helper process writes its own version of
// every entry, again and again, and checks every read.
func TestProcesses(t *testing.T) {
	if dir := os.Getenv("GOLINT_DOCKER_CACHE_HELPER"); dir != "" {
		helper(dir)
		return
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	for p := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestProcesses$")
		cmd.Env = append(os.Environ(), "GOLINT_DOCKER_CACHE_HELPER="+dir, fmt.Sprintf("GOLINT_DOCKER_CACHE_WRITER=%d", p))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if t.Failed() {
				t.Log(out.String())
			}
		})
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper: %v", err)
		}
	}
	c := open(t, dir, Options{})
	if s := c.Stats(); s.Entries != 20 {
		t.Fatalf("%+v, want 20 entries", s)
	}
}

// helper writes entries whose content says which writer wrote them and is
// long enough that a torn read would show.
func helper(dir string) {
	c, err := Open(dir, Options{MaxBytes: 1 << 30})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	me := os.Getenv("GOLINT_DOCKER_CACHE_WRITER")
	for round := range 30 {
		for i := range 20 {
			k := key(strconv.Itoa(i))
			if data, ok := c.Get(k); ok {
				w, body, _ := strings.Cut(string(data), ":")
				if body != strings.Repeat(w+strconv.Itoa(i), 5000) {
					fmt.Printf("entry %d: a torn or wrong value from writer %q\n", i, w)
					os.Exit(1)
				}
			}
			if err := c.Put(k, []byte(me+":"+strings.Repeat(me+strconv.Itoa(i), 5000))); err != nil {
				fmt.Println(err)
				os.Exit(1)
			}
		}
		if round%10 == 0 {
			c.Trim(true)
		}
	}
	if err := c.Close(); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	os.Exit(0)
}
