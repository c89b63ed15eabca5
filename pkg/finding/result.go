package finding

import (
	"fmt"
	"strings"
)

// Result is what happened to one file: its findings, or the error that
// stopped it. The linter makes it, every report format reads it.
type Result struct {
	// File is the name shown to users ("<stdin>", or --stdin-filename's).
	File     string
	Findings []Finding
	Err      *FileError
	// Lines is the file's source, one string per line, when it was read;
	// formats that need more than line numbers (SARIF columns in UTF-16
	// units) use it while writing and must not keep it.
	Lines []string
	// Notes say what was left out of a file that was linted (BuildKit's
	// checks skipped on a huge file): warnings about the run, not findings.
	Notes []string
}

// FileError is a problem with a file golint-docker reads — a Dockerfile
// that cannot be read or parsed, a configuration or policy file with a
// mistake — with the line where there is one. Every package reports such
// problems with this one type.
type FileError struct {
	File string
	Line int // 0 when unknown
	Msg  string
	// Err is the cause when it matters to a caller (errors.Is: a size or
	// time limit that was hit); Msg already says what it says.
	Err error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *FileError) Unwrap() error { return e.Err }

// AsFileError makes err a *FileError about file: a copy of err when it is
// one, else err's message without a leading "file: ", with err as the cause.
func AsFileError(file string, err error) *FileError {
	if err == nil {
		return nil
	}
	if fe, ok := err.(*FileError); ok {
		out := *fe
		out.File = file
		return &out
	}
	return &FileError{File: file, Msg: strings.TrimPrefix(err.Error(), file+": "), Err: err}
}
