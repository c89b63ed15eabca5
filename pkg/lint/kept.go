package lint

import (
	"encoding/binary"
	"errors"

	"github.com/golint-docker/golint-docker/pkg/buildctx"
	"github.com/golint-docker/golint-docker/pkg/cache"
	"github.com/golint-docker/golint-docker/pkg/finding"
)

// A file's entry holds what finding its result takes: the evidence its
// build context is found by, and the result for the context it had last
// (most files always have the same), with that context's digest. A result
// for another context has an entry of its own, under a key that adds the
// context's digest.
//
// Entries are a compact binary encoding rather than JSON: taking a result
// from the cache is most of what a run over files seen before does. Every
// field of a finding is written (TestKeptRoundTrip fails for a field that
// is not); anything that does not decode is a miss.
type fileEntry struct {
	evidence buildctx.Evidence
	context  cache.Key // the digest of the context facts result is for
	result   []byte    // a kept result (encodeResult); nil: none
}

const (
	fileEntryTag   = 'F'
	resultEntryTag = 'R'
)

func (e fileEntry) encode() []byte {
	b := []byte{fileEntryTag}
	b = appendStrings(b, e.evidence.Sources)
	b = appendString(b, e.evidence.Soft)
	b = append(b, e.context[:]...)
	return appendBytes(b, e.result)
}

func decodeFileEntry(raw []byte) (e fileEntry, ok bool) {
	r := reader{b: raw}
	if r.byte() != fileEntryTag {
		return e, false
	}
	e.evidence.Sources = r.strings()
	e.evidence.Soft = r.string()
	copy(e.context[:], r.take(len(e.context)))
	e.result = r.bytes()
	return e, r.done()
}

// encodeResult keeps a result without the file's name, which is in the
// key and is put back when the result is taken.
func encodeResult(res finding.Result) []byte {
	b := []byte{resultEntryTag}
	b = appendStrings(b, res.Notes)
	b = binary.AppendUvarint(b, uint64(len(res.Findings)))
	for _, f := range res.Findings {
		b = appendString(b, f.RuleID)
		b = appendString(b, f.RuleName)
		b = appendString(b, f.Title)
		b = binary.AppendVarint(b, int64(f.Severity))
		b = binary.AppendVarint(b, int64(f.Line))
		b = binary.AppendVarint(b, int64(f.EndLine))
		b = appendString(b, f.Message)
		b = appendString(b, f.Fix)
		b = binary.AppendUvarint(b, uint64(len(f.Edits)))
		for _, e := range f.Edits {
			b = binary.AppendVarint(b, int64(e.Line))
			b = binary.AppendVarint(b, int64(e.Column))
			b = binary.AppendVarint(b, int64(e.EndLine))
			b = binary.AppendVarint(b, int64(e.EndColumn))
			b = appendString(b, e.Text)
		}
		b = appendString(b, f.Replacement)
		b = appendString(b, f.HelpURI)
	}
	return b
}

// decodeResult returns the kept result for the file name; ok is false
// when raw is not one.
func decodeResult(raw []byte, name string) (res finding.Result, ok bool) {
	r := reader{b: raw}
	if r.byte() != resultEntryTag {
		return res, false
	}
	res.File = name
	res.Notes = r.strings()
	n := r.count()
	if n > 0 {
		res.Findings = make([]finding.Finding, n)
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.File = name
		f.RuleID = r.string()
		f.RuleName = r.string()
		f.Title = r.string()
		f.Severity = finding.Severity(r.int())
		f.Line = r.int()
		f.EndLine = r.int()
		f.Message = r.string()
		f.Fix = r.string()
		if m := r.count(); m > 0 {
			f.Edits = make([]finding.Edit, m)
			for j := range f.Edits {
				e := &f.Edits[j]
				e.Line, e.Column, e.EndLine, e.EndColumn = r.int(), r.int(), r.int(), r.int()
				e.Text = r.string()
			}
		}
		f.Replacement = r.string()
		f.HelpURI = r.string()
	}
	if !r.done() {
		return finding.Result{}, false
	}
	return res, true
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// reader reads what the append functions write; past an error it returns
// zero values, and done reports it.
type reader struct {
	b   []byte
	err error
}

var errShort = errors.New("short entry")

func (r *reader) fail() {
	if r.err == nil {
		r.err = errShort
	}
	r.b = nil
}

func (r *reader) take(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) int() int {
	v, n := binary.Varint(r.b)
	if n <= 0 || int64(int(v)) != v {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a length, bounded by what is left (each item takes a byte at
// least), so that a damaged entry cannot ask for a huge allocation.
func (r *reader) count() int {
	v := r.uvarint()
	if v > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *reader) bytes() []byte {
	n := r.count()
	if n == 0 {
		return nil
	}
	return r.take(n)
}

func (r *reader) string() string { return string(r.take(r.count())) }

func (r *reader) strings() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.string()
	}
	return out
}

func (r *reader) done() bool { return r.err == nil && len(r.b) == 0 }
