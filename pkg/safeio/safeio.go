// Package safeio reads the files a repository or a downloaded policy hands
// golint-docker — Dockerfiles, configuration, policies, .dockerignore — as
// if they were hostile: regular files only (a FIFO, a device, a directory
// or a /proc file is refused before it can block or leak), each under a
// size cap and a deadline, and, inside a tree, never through a symbolic
// link that leaves it. It also escapes untrusted text for people to read.
//
// It is public API: a program that reads a stranger's files beside
// golint-docker (pkg/buildctx reads a build context the same way) can use
// the same guards.
package safeio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Timeout bounds one read: a file on a stuck network mount or a pipe nobody
// closes costs at most this long.
const Timeout = 30 * time.Second

// Errors a caller may test for with errors.Is.
var (
	// ErrTooLarge is a file over the size cap.
	ErrTooLarge = errors.New("file is larger than the limit")
	// ErrNotRegular is a FIFO, device, socket, directory or kernel file.
	ErrNotRegular = errors.New("not a regular file")
	// ErrOutside is a symbolic link whose target leaves the tree.
	ErrOutside = errors.New("a symbolic link to a file outside the tree")
	// ErrTimeout is a read that did not finish in time.
	ErrTimeout = errors.New("reading did not finish in time")
)

// ReadFile reads the regular file at path, at most limit bytes, within
// Timeout. When root is not empty, path must lie under root and every
// symbolic link on the way must stay under it too (relative links only);
// an empty root reads wherever path leads — for a file the user named.
// Errors do not repeat the path: the caller names the file.
func ReadFile(path string, limit int64, root string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	return ReadFileContext(ctx, path, limit, root)
}

// ReadFileContext is ReadFile bounded by ctx instead of Timeout.
func ReadFileContext(ctx context.Context, path string, limit int64, root string) ([]byte, error) {
	f, err := Open(path, root)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, Cause(err)
	}
	if st.Size() > limit {
		return nil, tooLarge(limit)
	}
	return ReadAll(ctx, f, limit)
}

// Open opens path for reading as ReadFile does (regular files only, root
// respected) without reading it.
func Open(path, root string) (*os.File, error) {
	var f *os.File
	var err error
	// O_NONBLOCK: opening a FIFO for reading must not wait for a writer;
	// the type check below then refuses it. Regular files ignore the flag.
	flags := os.O_RDONLY | syscall.O_NONBLOCK
	if root == "" {
		f, err = os.OpenFile(path, flags, 0)
	} else {
		f, err = openIn(path, root, flags)
	}
	if err != nil {
		return nil, err
	}
	if err := checkRegular(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func openIn(path, root string, flags int) (*os.File, error) {
	rel, err := Within(path, root)
	if err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, Cause(err)
	}
	defer r.Close()
	f, err := r.OpenFile(rel, flags, 0)
	if err != nil {
		if isEscape(err) {
			return nil, ErrOutside
		}
		return nil, Cause(err)
	}
	return f, nil
}

// Within returns path relative to root, or ErrOutside when path is not
// under root (before any symbolic link is followed).
func Within(path, root string) (string, error) {
	ap, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	ar, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(ar, ap)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", ErrOutside
	}
	return rel, nil
}

// isEscape recognises os.Root's refusal of a path or link that leaves it.
func isEscape(err error) bool {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err != nil && strings.Contains(err.Error(), "escapes from parent")
}

func checkRegular(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return Cause(err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w (%s)", ErrNotRegular, kind(st.Mode()))
	}
	// Files of /proc and /sys say they are regular and empty, and then
	// hand out the process's environment or memory.
	if special, name := kernelFS(f); special {
		return fmt.Errorf("%w (a %s file)", ErrNotRegular, name)
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// ReadAll reads r to its end, at most limit bytes, until ctx is done. A
// reader that blocks past ctx (a pipe never closed) is left behind: its
// goroutine ends when the read returns or the process exits.
func ReadAll(ctx context.Context, r io.Reader, limit int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(io.LimitReader(r, limit+1))
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		if res.err != nil {
			return nil, Cause(res.err)
		}
		if int64(len(res.data)) > limit {
			return nil, tooLarge(limit)
		}
		return res.data, nil
	case <-ctx.Done():
		if c, ok := r.(io.Closer); ok {
			c.Close() // unblocks pollable files (pipes); harmless otherwise
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ErrTimeout
		}
		return nil, ctx.Err()
	}
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w (%s)", ErrTooLarge, Size(limit))
}

// Size writes a byte count for people: 512 bytes, 64 KiB, 5 MiB.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Cause drops the *fs.PathError or *os.LinkError around err: callers name
// the file themselves, the way they show it.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// IsRegular reports whether path is a regular file that Open would accept
// under root (symbolic links followed only while they stay under root; an
// empty root follows them anywhere), without opening it.
func IsRegular(path, root string) bool {
	if root == "" {
		st, err := os.Stat(path)
		return err == nil && st.Mode().IsRegular()
	}
	rel, err := Within(path, root)
	if err != nil {
		return false
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return false
	}
	defer r.Close()
	st, err := r.Stat(rel)
	return err == nil && st.Mode().IsRegular()
}
