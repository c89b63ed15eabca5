package lsp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/lsp"
)

// pipes joins the two ends of a connection: what one writes, the other
// reads.
type pipes struct {
	io.Reader
	io.WriteCloser
}

// client is the editor's side: requests go out, notifications come in on
// diags.
type client struct {
	conn  *jsonrpc2.Conn
	diags chan published
	done  chan bool // Serve's result
}

type published struct {
	URI         string
	Version     int
	Diagnostics []struct {
		Range struct {
			Start, End struct{ Line, Character int }
		}
		Severity int
		Code     string
		Message  string
	}
}

type editEdit struct {
	Range struct {
		Start, End struct{ Line, Character int }
	}
	NewText string
}

type action struct {
	Title       string
	Kind        string
	IsPreferred bool
	Edit        struct {
		Changes map[string][]editEdit
	}
}

func start(t *testing.T, dir string) *client {
	t.Helper()
	policy, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "fix", "policy"))
	f := false
	session := app.NewSession(app.Settings{
		Limits: app.DefaultLimits(), Finder: config.NewFinder("", dir), BuildKitChecks: &f,
		PolicyDirs: []string{policy},
	}, io.Discard)
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &client{diags: make(chan published, 16), done: make(chan bool, 1)}
	go func() {
		c.done <- lsp.Serve(context.Background(), pipes{serverIn, serverOut}, lsp.Options{Session: session, Name: "golint-docker", Version: "test"})
		serverOut.Close()
	}()
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(pipes{clientIn, clientOut}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == "textDocument/publishDiagnostics" {
				var p published
				json.Unmarshal(*req.Params, &p)
				c.diags <- p
			}
			return nil, nil
		}))
	t.Cleanup(func() { c.conn.Close() })
	return c
}

func (c *client) call(t *testing.T, method string, params, result any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(t *testing.T, method string, params any) {
	t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
}

// next waits for the diagnostics of uri at version.
func (c *client) next(t *testing.T, uri string, version int) published {
	t.Helper()
	timeout := time.After(time.Minute)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri && p.Version == version {
				return p
			}
		case <-timeout:
			t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

func codes(p published) string {
	var cs []string
	for _, d := range p.Diagnostics {
		cs = append(cs, strings.Fields(d.Code + " x")[0])
	}
	return strings.Join(cs, " ")
}

const dockerfile = `FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/orders .

FROM alpine:3.22
COPY --from=build /out/orders /orders
ENTRYPOINT /orders
`

// TestServer drives the server as an editor does: initialize, open a
// Dockerfile, read its diagnostics, change it, ask for code actions and
// hover, close it, shut down and exit.
func TestServer(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/orders\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	// The project's configuration: GD017 (no-healthcheck) is off.
	os.WriteFile(filepath.Join(dir, ".golint-docker.yaml"), []byte("ignore: [no-healthcheck]\n"), 0o644)
	path := filepath.Join(dir, "Dockerfile")
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	c := start(t, dir)

	var init struct {
		Capabilities struct {
			PositionEncoding string
			TextDocumentSync struct{ Change int }
			HoverProvider    bool
		}
		ServerInfo struct{ Name string }
	}
	c.call(t, "initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, &init)
	if init.Capabilities.PositionEncoding != "utf-16" || init.Capabilities.TextDocumentSync.Change != 1 || !init.Capabilities.HoverProvider || init.ServerInfo.Name != "golint-docker" {
		t.Errorf("initialize: %+v", init)
	}
	c.notify(t, "initialized", map[string]any{})

	c.notify(t, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 1, "text": dockerfile}})
	p := c.next(t, uri, 1)
	got := codes(p)
	for _, want := range []string{"GD020", "GD014", "TEST001"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %s: no %s", got, want)
		}
	}
	if strings.Contains(got, "GD017") {
		t.Errorf("the configuration turns GD017 off, yet: %s", got)
	}
	for _, d := range p.Diagnostics {
		if strings.HasPrefix(d.Code, "GD020") && (d.Range.Start.Line != 7 || d.Range.End.Line != 7 || d.Range.End.Character != len("ENTRYPOINT /orders") || d.Severity != 2) {
			t.Errorf("GD020 diagnostic: %+v", d)
		}
	}

	// A change: the ENTRYPOINT in exec form; GD020 is gone.
	changed := strings.Replace(dockerfile, "ENTRYPOINT /orders", `ENTRYPOINT ["/orders"]`, 1)
	c.notify(t, "textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{map[string]any{"text": changed}}})
	if got := codes(c.next(t, uri, 2)); strings.Contains(got, "GD020") || !strings.Contains(got, "GD014") {
		t.Errorf("after the change: %s", got)
	}

	// Code actions on the final FROM (line 6): GD014's fix (unsafe: not
	// preferred), TEST001's (safe: preferred), and fix-all.
	var actions []action
	c.call(t, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": map[string]any{"line": 5, "character": 0}, "end": map[string]any{"line": 5, "character": 0}},
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions)
	byRule := map[string]action{}
	for _, a := range actions {
		byRule[strings.Fields(a.Title + " x y")[1]] = a
	}
	user, label, all := byRule["GD014"], byRule["TEST001"], byRule["all"]
	if user.Kind != "quickfix" || user.IsPreferred || !strings.Contains(user.Title, "unsafe") {
		t.Errorf("GD014 action: %+v (all: %+v)", user, actions)
	}
	if label.Kind != "quickfix" || !label.IsPreferred {
		t.Errorf("TEST001 action: %+v", label)
	}
	if applied := apply(t, changed, label.Edit.Changes[uri]); !strings.Contains(applied, "FROM alpine:3.22\nLABEL org.opencontainers.image.source=\"https://example.com/orders\"\nCOPY") {
		t.Errorf("TEST001's edit gives:\n%s", applied)
	}
	if all.Kind != "source.fixAll.golint-docker" || !strings.Contains(apply(t, changed, all.Edit.Changes[uri]), "LABEL org.opencontainers.image.source") {
		t.Errorf("fix-all action: %+v", all)
	}

	// Hover on the ENTRYPOINT of the first version's finding is gone; on
	// the final FROM, GD014's documentation.
	var h struct {
		Contents struct{ Kind, Value string }
	}
	c.call(t, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 5, "character": 3}}, &h)
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "## runs-as-root") || !strings.Contains(h.Contents.Value, "**GD014**") {
		t.Errorf("hover: %+v", h)
	}
	var none any = "unset"
	c.call(t, "textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 0}}, &none)
	if none != nil {
		t.Errorf("hover on a line without findings: %v", none)
	}

	c.notify(t, "textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.next(t, uri, 0); len(p.Diagnostics) != 0 {
		t.Errorf("diagnostics after close: %+v", p)
	}
	c.call(t, "shutdown", nil, nil)
	c.notify(t, "exit", nil)
	select {
	case ok := <-c.done:
		if !ok {
			t.Error("exit after shutdown reported as unclean")
		}
	case <-time.After(time.Minute):
		t.Fatal("the server did not stop on exit")
	}
}

// TestServerConfigReload: saving the configuration lints open documents
// again with it.
func TestServerConfigReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
	c := start(t, dir)
	c.call(t, "initialize", map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}}, nil)
	c.notify(t, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 1, "text": dockerfile}})
	if got := codes(c.next(t, uri, 1)); !strings.Contains(got, "GD020") {
		t.Fatalf("diagnostics: %s", got)
	}
	cfg := filepath.Join(dir, ".golint-docker.yaml")
	os.WriteFile(cfg, []byte("ignore: [GD020]\n"), 0o644)
	c.notify(t, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": (&url.URL{Scheme: "file", Path: filepath.ToSlash(cfg)}).String()}})
	if got := codes(c.next(t, uri, 1)); strings.Contains(got, "GD020") {
		t.Errorf("after the configuration turned GD020 off: %s", got)
	}
	// Exit without shutdown: unclean, as the protocol says.
	c.notify(t, "exit", nil)
	if ok := <-c.done; ok {
		t.Error("exit without shutdown reported as clean")
	}
}

// apply applies LSP text edits (UTF-16 positions, here all ASCII) to text.
func apply(t *testing.T, text string, edits []editEdit) string {
	t.Helper()
	if len(edits) != 1 {
		t.Fatalf("%d edits", len(edits))
	}
	e := edits[0]
	off := func(line, char int) int {
		lines := strings.SplitAfter(text, "\n")
		o := 0
		for i := 0; i < line; i++ {
			o += len(lines[i])
		}
		return o + char
	}
	var b bytes.Buffer
	b.WriteString(text[:off(e.Range.Start.Line, e.Range.Start.Character)])
	b.WriteString(e.NewText)
	b.WriteString(text[off(e.Range.End.Line, e.Range.End.Character):])
	return b.String()
}
