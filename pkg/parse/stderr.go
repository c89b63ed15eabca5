package parse

import (
	"bufio"
	"io"
	"os"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// lexerNoise is what text/scanner prints when it has no error handler, as
// in BuildKit's shell lexer: a line per odd byte, with no file name
// ("<input>:1:11: invalid UTF-8 encoding"). A NUL is refused before
// BuildKit sees it; bytes that are not UTF-8 are read as U+FFFD, as
// BuildKit does at build time, and reported once as a note.
var lexerNoise = lazyre.New(`^<input>:\d+:\d+: (invalid UTF-8 encoding|invalid character NUL)$`)

// FilterStderr routes os.Stderr through a filter that drops the lexer's
// lines and passes everything else on. It is for main, before anything
// runs; stop restores os.Stderr and flushes what is still in the pipe.
func FilterStderr() (stop func()) {
	orig := os.Stderr
	r, w, err := os.Pipe()
	if err != nil {
		return func() {}
	}
	os.Stderr = w
	done := make(chan struct{})
	go func() {
		defer close(done)
		filter(r, orig)
	}()
	return func() {
		os.Stderr = orig
		w.Close()
		<-done
		r.Close()
	}
}

func filter(r io.Reader, w io.Writer) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" && !lexerNoise().MatchString(trimEOL(line)) {
			io.WriteString(w, line)
		}
		if err != nil {
			return
		}
	}
}

func trimEOL(s string) string {
	if n := len(s); n > 0 && s[n-1] == '\n' {
		return s[:n-1]
	}
	return s
}
