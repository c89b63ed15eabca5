// Package lsp is golint-docker's language server: the Language Server
// Protocol over a stream (stdio for `golint-docker lsp`). It lints each
// open Dockerfile on open and on every change, with the configuration that
// applies to its path and rules compiled once per process (pkg/app's
// Session), publishes the findings as diagnostics, offers their fixes as
// code actions (one per finding, and "fix all" for the safe ones) and
// shows a rule's documentation on hover. JSON-RPC 2.0 framing is
// github.com/sourcegraph/jsonrpc2.
//
// It is public API: a Go program can serve the linter to an editor over
// any stream.
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/url"
	"path/filepath"
	"sync"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/finding"
)

// Options configure a server.
type Options struct {
	// Session lints the documents.
	Session *app.Session
	// Name and Version are what the server says it is.
	Name, Version string
	// Log receives the protocol's errors (stderr, which editors keep in
	// their server log).
	Log io.Writer
}

// Serve speaks the protocol on rwc until the client sends exit or closes
// the stream. It reports whether shutdown came before: the process then
// exits 0, else 1, as the protocol asks.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, o Options) bool {
	if o.Log == nil {
		o.Log = io.Discard
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{o: o, ctx: ctx, docs: map[string]*document{}}
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(rwc, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(s.handle).SuppressErrClosed(),
		jsonrpc2.SetLogger(log.New(o.Log, "golint-docker lsp: ", 0)))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shutdown
}

type server struct {
	o        Options
	ctx      context.Context
	mu       sync.Mutex
	docs     map[string]*document
	utf8     bool // positions count bytes, not UTF-16 code units
	shutdown bool
	pubMu    sync.Mutex // keeps the diagnostics of a document in version order
}

// document is an open Dockerfile and its latest lint.
type document struct {
	uri, path string
	version   int
	text      []byte
	cancel    context.CancelFunc
	done      chan struct{} // closed when the lint of text ends
	res       finding.Result
	err       error // the configuration could not be loaded
}

func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.mu.Lock()
	down := s.shutdown
	s.mu.Unlock()
	if down && req.Method != "exit" && !req.Notif {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "the server is shut down"}
	}
	switch req.Method {
	case "initialize":
		return s.initialize(req)
	case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "exit":
		return nil, conn.Close()
	case "textDocument/codeAction":
		var p codeActionParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		return s.codeActions(ctx, p)
	case "textDocument/hover":
		var p hoverParams
		if err := params(req, &p); err != nil {
			return nil, err
		}
		return s.hover(ctx, p)
	}
	if req.Notif {
		return nil, s.notified(conn, req)
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
}

// notified handles the notifications about documents; others are ignored.
func (s *server) notified(conn *jsonrpc2.Conn, req *jsonrpc2.Request) error {
	switch req.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if err := params(req, &p); err != nil {
			return err
		}
		s.update(conn, p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
		return nil
	case "textDocument/didChange":
		var p didChangeParams
		if err := params(req, &p); err != nil {
			return err
		}
		if n := len(p.ContentChanges); n > 0 {
			// The server asks for whole texts (change: 1): the last one is
			// the document.
			s.update(conn, p.TextDocument.URI, p.TextDocument.Version, []byte(p.ContentChanges[n-1].Text))
		}
		return nil
	case "textDocument/didClose":
		var p didCloseParams
		if err := params(req, &p); err != nil {
			return err
		}
		s.close(conn, p.TextDocument.URI)
		return nil
	case "textDocument/didSave":
		var p didSaveParams
		if err := params(req, &p); err == nil && isConfig(p.TextDocument.URI) {
			s.reset(conn)
		}
		return nil
	case "workspace/didChangeWatchedFiles":
		s.reset(conn)
		return nil
	}
	return nil
}

func params(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": no params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": " + err.Error()}
	}
	return nil
}

func (s *server) initialize(req *jsonrpc2.Request) (any, error) {
	var p initializeParams
	if err := params(req, &p); err != nil {
		return nil, err
	}
	enc := "utf-16"
	for _, e := range p.Capabilities.General.PositionEncodings {
		if e == "utf-8" {
			enc = "utf-8"
		}
	}
	s.mu.Lock()
	s.utf8 = enc == "utf-8"
	s.mu.Unlock()
	return initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding:   enc,
			TextDocumentSync:   textDocumentSync{OpenClose: true, Change: 1, Save: true},
			CodeActionProvider: codeActionProvider{CodeActionKinds: []string{kindQuickFix, kindFixAll}},
			HoverProvider:      true,
		},
		ServerInfo: serverInfo{Name: s.o.Name, Version: s.o.Version},
	}, nil
}

// pathOf is the file a document URI names; a document that is not a file
// (an unsaved buffer) is linted as a Dockerfile in the working directory.
func pathOf(uri string) string {
	if u, err := url.Parse(uri); err == nil && u.Scheme == "file" && u.Path != "" {
		return filepath.FromSlash(u.Path)
	}
	return "Dockerfile"
}

func isConfig(uri string) bool {
	switch filepath.Base(pathOf(uri)) {
	case ".golint-docker.yaml", ".golint-docker.yml":
		return true
	}
	return false
}

// update records a document's new text and lints it in the background;
// a lint of an older text still running is cancelled.
func (s *server) update(conn *jsonrpc2.Conn, uri string, version int, text []byte) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		d = &document{uri: uri, path: pathOf(uri)}
		s.docs[uri] = d
	}
	if d.cancel != nil {
		d.cancel()
	}
	ctx, cancel := context.WithCancel(s.ctx)
	done := make(chan struct{})
	d.version, d.text, d.cancel, d.done = version, text, cancel, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		res, err := s.o.Session.Lint(ctx, d.path, text)
		if ctx.Err() != nil {
			return // a newer text is being linted
		}
		s.pubMu.Lock()
		defer s.pubMu.Unlock()
		s.mu.Lock()
		current := d.done == done
		if current {
			d.res, d.err = res, err
		}
		utf8 := s.utf8
		s.mu.Unlock()
		if current {
			p := publishDiagnosticsParams{URI: uri, Version: &version, Diagnostics: diagnostics(res, err, text, utf8)}
			conn.Notify(s.ctx, "textDocument/publishDiagnostics", p)
		}
	}()
}

func (s *server) close(conn *jsonrpc2.Conn, uri string) {
	s.mu.Lock()
	if d := s.docs[uri]; d != nil && d.cancel != nil {
		d.cancel()
	}
	delete(s.docs, uri)
	s.mu.Unlock()
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	conn.Notify(s.ctx, "textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Diagnostics: []diagnostic{}})
}

// reset reloads the configurations (one was saved or changed) and lints
// the open documents again.
func (s *server) reset(conn *jsonrpc2.Conn) {
	s.o.Session.Reset()
	s.mu.Lock()
	type open struct {
		uri     string
		version int
		text    []byte
	}
	var docs []open
	for _, d := range s.docs {
		docs = append(docs, open{d.uri, d.version, d.text})
	}
	s.mu.Unlock()
	for _, d := range docs {
		s.update(conn, d.uri, d.version, d.text)
	}
}

// snapshot waits for the lint of a document's latest text and returns
// the document as it was linted.
func (s *server) snapshot(ctx context.Context, uri string) (document, bool) {
	for {
		s.mu.Lock()
		d := s.docs[uri]
		if d == nil {
			s.mu.Unlock()
			return document{}, false
		}
		done := d.done
		s.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return document{}, false
		}
		s.mu.Lock()
		if d.done == done {
			snap := *d
			s.mu.Unlock()
			return snap, true
		}
		s.mu.Unlock()
	}
}

// diagnostics are a lint's findings (and the error that stopped it) as
// the editor shows them.
func diagnostics(res finding.Result, err error, text []byte, utf8 bool) []diagnostic {
	out := []diagnostic{}
	lines := res.Lines
	if lines == nil {
		lines = splitLines(text)
	}
	if err != nil {
		return append(out, diagnostic{Range: lineRange(lines, 1, 1, utf8), Severity: severityError, Source: "golint-docker", Message: err.Error()})
	}
	if res.Err != nil {
		line := max(res.Err.Line, 1)
		out = append(out, diagnostic{Range: lineRange(lines, line, line, utf8), Severity: severityError, Source: "golint-docker", Message: res.Err.Msg})
	}
	for _, f := range res.Findings {
		out = append(out, diagnosticOf(f, lines, utf8))
	}
	return out
}

func diagnosticOf(f finding.Finding, lines []string, utf8 bool) diagnostic {
	d := diagnostic{
		Range:    lineRange(lines, f.Line, max(f.EndLine, f.Line), utf8),
		Severity: severityInformation,
		Code:     f.RuleID,
		Source:   "golint-docker",
		Message:  f.Message,
	}
	if f.RuleName != "" && f.RuleName != f.RuleID {
		d.Code += " " + f.RuleName
	}
	if f.Fix != "" {
		d.Message += "\nFix: " + f.Fix
	}
	switch f.Severity {
	case finding.Error:
		d.Severity = severityError
	case finding.Warning:
		d.Severity = severityWarning
	}
	if f.HelpURI != "" {
		d.CodeDescription = &codeDescription{Href: f.HelpURI}
	}
	return d
}

func splitLines(text []byte) []string {
	text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
	var lines []string
	for _, l := range bytes.Split(text, []byte("\n")) {
		lines = append(lines, string(bytes.TrimSuffix(l, []byte("\r"))))
	}
	return lines
}

// lineRange spans 1-based lines first..last, to the end of the last.
func lineRange(lines []string, first, last int, utf8 bool) lspRange {
	end := 0
	if last >= 1 && last <= len(lines) {
		end = column(lines[last-1], len(lines[last-1]), utf8)
	}
	return lspRange{Start: position{Line: first - 1}, End: position{Line: last - 1, Character: end}}
}

// column is the LSP character of byte offset off in line: bytes, or
// UTF-16 code units.
func column(line string, off int, utf8 bool) int {
	off = min(off, len(line))
	if utf8 {
		return off
	}
	n := 0
	for _, r := range line[:off] {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func (s *server) logf(format string, a ...any) {
	fmt.Fprintf(s.o.Log, "golint-docker lsp: "+format+"\n", a...)
}
