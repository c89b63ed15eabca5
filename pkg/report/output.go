package report

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Output is one report: a format and the file it goes to ("" for the
// stream given to Open, standard output).
type Output struct {
	Format string
	File   string
}

// OutputError is an output that cannot be written where it was asked to.
type OutputError struct {
	File string
	Msg  string
}

func (e *OutputError) Error() string { return "output " + e.File + ": " + e.Msg }

// Outputs is where a run's reports go: this is the one place that decides
// it. Every result is written to every report. A report to a file is
// written to a temporary file beside it and renamed over it by Commit, so a
// reader never sees half a report and a run that fails or is interrupted
// leaves the previous one as it was; the file keeps its permissions. A file
// that is a device or a pipe (/dev/null, /dev/stdout) is written in place. A
// symbolic link is not followed to a regular file: the link would become a
// file, or its target (anywhere) would be replaced. The inputs being linted
// are never written over, and two reports never go to one file.
type Outputs struct {
	writers []Writer
	mu      sync.Mutex
	files   []*AtomicFile
	done    bool
}

// Open checks every output and opens it. inputs are the files being
// linted, which no report may replace.
func Open(outs []Output, stdout io.Writer, tool Tool, opt Options, inputs []string) (*Outputs, error) {
	if err := check(outs, inputs); err != nil {
		return nil, err
	}
	o := &Outputs{}
	for _, out := range outs {
		w, wopt := stdout, opt
		if out.File != "" {
			af, err := CreateAtomic(out.File)
			if err != nil {
				o.Abort()
				return nil, err
			}
			o.files = append(o.files, af)
			w, wopt.Color = af, false
		}
		rw, err := New(out.Format, w, tool, wopt)
		if err != nil {
			o.Abort()
			return nil, err
		}
		o.writers = append(o.writers, rw)
	}
	return o, nil
}

// check refuses outputs that would collide with each other or with an
// input, before anything is created.
func check(outs []Output, inputs []string) error {
	valid := map[string]bool{}
	for _, f := range Formats() {
		valid[f] = true
	}
	toStdout := 0
	type seen struct {
		path string
		info fs.FileInfo
	}
	var files []seen
	for _, out := range outs {
		if !valid[out.Format] {
			return fmt.Errorf("unknown format %q (formats: %s)", out.Format, strings.Join(Formats(), ", "))
		}
		if out.File == "" {
			if toStdout++; toStdout > 1 {
				return errors.New("only one report can go to standard output")
			}
			continue
		}
		abs, err := filepath.Abs(out.File)
		if err != nil {
			return &OutputError{out.File, err.Error()}
		}
		info, _ := os.Stat(abs)
		for _, s := range files {
			if s.path == abs || (info != nil && s.info != nil && os.SameFile(info, s.info)) {
				return &OutputError{out.File, "two reports would be written to this file; give each its own"}
			}
		}
		files = append(files, seen{abs, info})
		if info == nil || !info.Mode().IsRegular() {
			continue
		}
		for _, in := range inputs {
			if st, err := os.Stat(in); err == nil && os.SameFile(info, st) {
				return &OutputError{out.File, "is a file being linted; the report would replace it"}
			}
		}
	}
	return nil
}

// Write writes r to every report.
func (o *Outputs) Write(r Result) error {
	var errs []error
	for _, w := range o.writers {
		if err := w.Write(r); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Commit ends every report with the summary and puts the files in place.
// When a report fails, no file replaces its previous version.
func (o *Outputs) Commit(s Summary) error {
	var errs []error
	for _, w := range o.writers {
		if err := w.Close(s); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		o.Abort()
		return errors.Join(errs...)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.done {
		return errors.New("the reports were abandoned")
	}
	o.done = true
	for _, f := range o.files {
		if err := f.Commit(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Abort removes the temporary files and leaves every previous report as it
// was. It may be called more than once, and from another goroutine (a
// signal handler) while results are being written.
func (o *Outputs) Abort() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.done {
		return
	}
	o.done = true
	for _, f := range o.files {
		f.Abort()
	}
}

// AtomicFile is a file on its way to its target: written to a temporary
// file beside it and renamed over it by Commit, or removed by Abort. A
// device or pipe is written in place; a symbolic link to a regular file or
// a directory is refused (see Outputs).
type AtomicFile struct {
	*os.File
	target string
	direct bool        // a device or pipe: written in place
	mode   fs.FileMode // the target's permissions once in place
}

// CreateAtomic starts writing target.
func CreateAtomic(target string) (*AtomicFile, error) {
	lst, err := os.Lstat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// A new file.
	case err != nil:
		return nil, &OutputError{target, safeio.Cause(err).Error()}
	case lst.Mode()&fs.ModeSymlink != 0:
		st, err := os.Stat(target)
		if err != nil || st.Mode().IsRegular() || st.IsDir() {
			dest, _ := os.Readlink(target)
			return nil, &OutputError{target, fmt.Sprintf("is a symbolic link (to %s); name the file itself", dest)}
		}
		return openDirect(target)
	case lst.IsDir():
		return nil, &OutputError{target, "is a directory"}
	case !lst.Mode().IsRegular():
		return openDirect(target)
	}
	f, mode, err := createTemp(target)
	if err != nil {
		return nil, &OutputError{target, safeio.Cause(err).Error()}
	}
	if lst != nil {
		mode = lst.Mode().Perm()
	}
	return &AtomicFile{File: f, target: target, mode: mode}, nil
}

// openDirect opens a device or pipe for writing in place.
func openDirect(target string) (*AtomicFile, error) {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return nil, &OutputError{target, safeio.Cause(err).Error()}
	}
	return &AtomicFile{File: f, target: target, direct: true}, nil
}

// createTemp creates an empty temporary file beside target, readable only
// by its owner while it is written, and returns the mode a new file gets
// under the process's umask.
func createTemp(target string) (*os.File, fs.FileMode, error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		var rnd [6]byte
		rand.Read(rnd[:])
		name := filepath.Join(dir, "."+base+".tmp-"+hex.EncodeToString(rnd[:]))
		// 0666 and the umask give what a new file gets; the mode is
		// read, then narrowed to 0600 before anything is written.
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		mode := fs.FileMode(0o644)
		if st, err := f.Stat(); err == nil {
			mode = st.Mode().Perm()
		}
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			os.Remove(name)
			return nil, 0, err
		}
		return f, mode, nil
	}
	return nil, 0, errors.New("cannot create a temporary file beside it")
}

// Commit puts the file in place, with the target's permissions when it
// existed.
func (a *AtomicFile) Commit() error {
	if a.direct {
		return a.Close()
	}
	fail := func(err error) error {
		a.Abort()
		return &OutputError{a.target, safeio.Cause(err).Error()}
	}
	if err := a.Sync(); err != nil {
		return fail(err)
	}
	if err := a.Chmod(a.mode); err != nil {
		return fail(err)
	}
	if err := a.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(a.Name(), a.target); err != nil {
		return fail(err)
	}
	return nil
}

// Abort removes the temporary file; the target stays as it was.
func (a *AtomicFile) Abort() {
	a.Close()
	if !a.direct {
		os.Remove(a.Name())
	}
}
