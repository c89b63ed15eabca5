// Package parse reads a Dockerfile with BuildKit's own parser and keeps what
// later steps need to point back into the source: the physical lines, the
// escape token and the parsed instructions.
//
// Not public API: a step of pkg/lint, free to change.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// File is one parsed Dockerfile.
type File struct {
	Name   string
	Source []byte
	// Lines holds each physical line without its line terminator; Lines[0] is line 1.
	Lines  []string
	Escape rune
	// Directives are the parser directives at the top of the file (syntax, escape, check).
	Directives map[string]string
	AST        *parser.Node
	// Instructions are the top-level instructions in order, each with the
	// BuildKit node it came from and its typed form (*instructions.Stage for
	// FROM, *instructions.ArgCommand, *instructions.RunCommand, ...).
	Instructions []Instruction
	Warnings     []parser.Warning
}

// Instruction is one parsed instruction.
type Instruction struct {
	Node    *parser.Node
	Command any
}

// Error is a Dockerfile that cannot be parsed, with the line where BuildKit
// stopped (0 when it gave none): the one file error of golint-docker.
type Error = finding.FileError

// Parse parses data as the Dockerfile called name.
func Parse(name string, data []byte) (f *File, err error) {
	// BuildKit's parser is not written to be fed arbitrary bytes; a panic in it
	// must become an error about this file, not a crash of the whole run.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &Error{File: name, Msg: safeio.Excerpt(fmt.Sprintf("BuildKit's parser failed: %v", r), maxMessage)}
		}
	}()
	if e := binary(name, data); e != nil {
		return nil, e
	}
	res, perr := parser.Parse(bytes.NewReader(data))
	if perr != nil {
		e := locate(name, perr)
		if e.Line == 0 && strings.Contains(e.Msg, "escape token") {
			// BuildKit counts the directive's line from 0.
			e.Line = directiveLine(data, "escape")
		}
		return nil, e
	}
	f = &File{
		Name:       name,
		Source:     data,
		Lines:      splitLines(data),
		Escape:     res.EscapeToken,
		Directives: directives(data),
		AST:        res.AST,
		Warnings:   res.Warnings,
	}
	// The same walk as instructions.Parse, keeping each node beside its command.
	seenFrom := false
	for _, n := range res.AST.Children {
		cmd, err := instructions.ParseInstruction(n)
		if err != nil {
			return nil, locate(name, parser.WithLocation(err, n.Location()))
		}
		switch cmd.(type) {
		case *instructions.Stage:
			seenFrom = true
		case *instructions.ArgCommand:
		default:
			if !seenFrom {
				return nil, &Error{File: name, Line: n.StartLine, Msg: fmt.Sprintf("%s before the first FROM: a Dockerfile must start a stage with FROM (only ARG may come before it)", strings.ToUpper(n.Value))}
			}
		}
		f.Instructions = append(f.Instructions, Instruction{Node: n, Command: cmd})
	}
	if !seenFrom {
		return nil, &Error{File: name, Line: lastLine(res.AST), Msg: "no FROM instruction: a Dockerfile must start a stage with FROM"}
	}
	return f, nil
}

func lastLine(ast *parser.Node) int {
	if n := len(ast.Children); n > 0 {
		return ast.Children[n-1].StartLine
	}
	return 0
}

// locate turns a BuildKit error into an Error with the first line it names.
func locate(name string, err error) *Error {
	e := &Error{File: name, Msg: cleanMessage(err)}
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			if len(rs) > 0 && rs[0].Start.Line > 0 {
				e.Line = rs[0].Start.Line
				break
			}
		}
	}
	return e
}

// Messages quote the Dockerfile (BuildKit names the unknown instruction, the
// bad flag, the word it could not expand): at most this much of it, escaped,
// goes into a report. A file that is not a Dockerfile at all — a secret
// linked in under a Dockerfile's name — must not be echoed into public CI
// annotations.
const (
	maxMessage = 200
	maxQuote   = 40
)

func cleanMessage(err error) string {
	msg := err.Error()
	// instructions.Parse wraps with "dockerfile parse error on line N: ..."; the
	// line is reported separately.
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "dockerfile parse error on line") {
		msg = msg[i+2:]
	}
	if msg == "file with no instructions" {
		msg = "no instructions: the file is empty or holds only comments"
	}
	if word, ok := strings.CutPrefix(msg, "unknown instruction: "); ok {
		hint := ""
		if i := strings.Index(word, " (did you mean "); i >= 0 {
			word, hint = word[:i], word[i:]
		}
		if len(word) > maxQuote || !safe(word) {
			hint = ""
		}
		return "unknown instruction: " + safeio.Excerpt(word, maxQuote) + hint
	}
	return safeio.Excerpt(msg, maxMessage)
}

func safe(s string) bool { return safeio.Escape(s) == s }

// binary refuses data that is not text before BuildKit sees it: its lexer
// prints a line to stderr for every NUL byte it meets (text/scanner's
// "<input>:1:11: invalid character NUL"), and a NUL in a Dockerfile is
// always a mistake — a binary file, or one saved as UTF-16.
func binary(name string, data []byte) *Error {
	i := bytes.IndexByte(data, 0)
	if i < 0 {
		return nil
	}
	e := &Error{File: name, Line: 1 + bytes.Count(data[:i], []byte{'\n'})}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		e.Line = 1
		e.Msg = "the file is UTF-16; BuildKit reads Dockerfiles as UTF-8 (convert it, e.g. iconv -f UTF-16 -t UTF-8)"
	} else {
		e.Msg = "NUL byte: a Dockerfile is text, and this looks like binary data"
	}
	return e
}

// splitLines splits on LF as BuildKit does; a trailing CR is not part of the line.
func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	n := bytes.Count(data, []byte{'\n'})
	lines := make([]string, 0, n+1)
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			lines = append(lines, strings.TrimSuffix(string(data), "\r"))
			break
		}
		lines = append(lines, strings.TrimSuffix(string(data[:i]), "\r"))
		data = data[i+1:]
	}
	return lines
}

func directiveLine(data []byte, key string) int {
	for i, line := range splitLines(data) {
		if strings.HasPrefix(line, "#") && strings.Contains(strings.ToLower(line), key) {
			return i + 1
		}
	}
	return 0
}

// directives reads the parser directives BuildKit honours at the top of a file.
func directives(data []byte) map[string]string {
	out := map[string]string{}
	var p parser.DirectiveParser
	for _, line := range splitLines(data) {
		d, err := p.ParseLine([]byte(line))
		if err != nil || d == nil {
			break
		}
		out[d.Name] = d.Value
	}
	return out
}
