package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
)

// ExecutableID identifies the running binary: the Go build ID the linker
// wrote into it (a digest of its inputs, so any rebuilt binary that differs
// has another), else a digest of the whole file. Results of a development
// build that was changed and rebuilt are then never taken for this one's.
func ExecutableID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return FileID(exe)
}

// FileID is ExecutableID for the binary at path.
func FileID(path string) (string, error) {
	if id, err := goBuildID(path); err == nil && id != "" {
		return "go:" + id, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("sha256:%x", h.Sum(nil)), nil
}

// goBuildID reads the Go build ID: from the ELF note the linker writes
// (Linux), else from the start of the text, where the linker puts it on
// other systems (Mach-O, PE), as `go tool buildid` does.
func goBuildID(path string) (string, error) {
	if ef, err := elf.Open(path); err == nil {
		defer ef.Close()
		if s := ef.Section(".note.go.buildid"); s != nil {
			data, err := s.Data()
			if err != nil {
				return "", err
			}
			return elfNote(data)
		}
		return "", errors.New("no Go build ID note")
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, buf)
	return rawBuildID(buf[:n])
}

// elfNote reads a Go build ID note: name size, description size, type (4),
// "Go\x00\x00", the ID.
func elfNote(data []byte) (string, error) {
	const hdr = 12
	if len(data) < hdr+4 {
		return "", errors.New("short note")
	}
	le := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 | int(b[3])<<24 }
	nameSize, descSize, typ := le(data), le(data[4:]), le(data[8:])
	nameEnd := hdr + (nameSize+3)&^3
	if typ != 4 || nameSize != 4 || len(data) < nameEnd+descSize || string(data[hdr:hdr+3]) != "Go\x00" {
		return "", errors.New("not a Go build ID note")
	}
	return string(data[nameEnd : nameEnd+descSize]), nil
}

var (
	buildIDPrefix = []byte("\xff Go build ID: \"")
	buildIDSuffix = []byte("\"\n \xff")
)

func rawBuildID(data []byte) (string, error) {
	i := bytes.Index(data, buildIDPrefix)
	if i < 0 {
		return "", errors.New("no Go build ID")
	}
	rest := data[i+len(buildIDPrefix):]
	j := bytes.Index(rest, buildIDSuffix)
	if j < 0 {
		return "", errors.New("no end to the Go build ID")
	}
	return string(rest[:j]), nil
}
