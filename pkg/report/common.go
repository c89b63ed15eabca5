package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// findingFile is the file a finding is in: its own File, else its result's.
func findingFile(r Result, f finding.Finding) string {
	if f.File != "" {
		return f.File
	}
	return r.File
}

// errorFile is the file a file error is about.
func errorFile(r Result) string {
	if r.Err != nil && r.Err.File != "" {
		return r.Err.File
	}
	return r.File
}

// endLine is the last line of a finding: EndLine, or Line when EndLine is
// unset or before it.
func endLine(f finding.Finding) int {
	return max(f.EndLine, f.Line)
}

// messageWithFix is the message followed by " Fix: <fix>" when there is a
// fix. A message that does not end a sentence gets a full stop first, so the
// two read as two sentences ("... is not pinned. Fix: Pin it.").
func messageWithFix(f finding.Finding) string {
	msg := strings.TrimSpace(f.Message)
	fix := strings.TrimSpace(f.Fix)
	if fix == "" {
		return msg
	}
	if msg == "" {
		return "Fix: " + fix
	}
	if !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return msg + " Fix: " + fix
}

// plural is "1 error", "2 errors".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// hashHex is the hex SHA-256 of the parts, each followed by a NUL byte so
// that no two different lists of parts hash the same text.
func hashHex(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
