package opaclient

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/limits"
)

// doc holds control characters: the request must still be JSON.
var doc = &document.Document{File: "a\x1b]0;x\x07b", Directives: map[string]string{"syntax": "\x00"}}

func budget(d time.Duration) limits.Budget[time.Duration] {
	return limits.Budget[time.Duration]{Limit: d}
}

// hang answers nothing until the client gives up (the server notices once
// the body is read).
func hang(r *http.Request) {
	io.Copy(io.Discard, r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// TestCircuitBreaker: a server that accepts and never answers costs the
// timeout MaxTimeouts times, then nothing: the other files are reported
// as not sent, at once.
func TestCircuitBreaker(t *testing.T) {
	var got atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		hang(r)
	}))
	defer srv.Close()
	c, err := New(srv.URL, budget(100*time.Millisecond), nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < 20; i++ {
		_, err := c.Evaluate(context.Background(), doc, 100)
		if !errors.Is(err, ErrUnanswered) {
			t.Fatalf("file %d: %v", i, err)
		}
		if i < MaxTimeouts && !strings.Contains(err.Error(), "did not answer within 100ms") ||
			i >= MaxTimeouts && !strings.Contains(err.Error(), "not sent, as the last 3 requests got no answer") {
			t.Errorf("file %d: %v", i, err)
		}
	}
	if n := got.Load(); n != MaxTimeouts {
		t.Errorf("%d requests reached the server, want %d", n, MaxTimeouts)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("20 files took %v", d)
	}
}

// TestAnswerResetsTheCount: only timeouts in a row open the circuit.
func TestAnswerResetsTheCount(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%2 == 1 {
			hang(r)
			return
		}
		io.WriteString(w, `{"result": []}`)
	}))
	defer srv.Close()
	c, _ := New(srv.URL, budget(50*time.Millisecond), nil)
	for i := 0; i < 10; i++ {
		_, err := c.Evaluate(context.Background(), doc, 100)
		if i%2 == 0 && !errors.Is(err, ErrUnanswered) || i%2 == 1 && err != nil {
			t.Errorf("request %d: %v", i, err)
		}
	}
}

// TestHostileReplies: what a server sends back is checked and quoted only
// in part; the input is sent as JSON even when it holds control characters.
func TestHostileReplies(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{500, "boom\x1b[2J" + strings.Repeat("x", 1000), `OPA server answered 500: boom\x1b[2Jxxx`},
		{200, `not json`, "the reply is not JSON"},
		{200, `{}`, "has no data.golintdocker.findings"},
		{200, `{"result": [{"rule_name": "r", "message": "m"}]}`, "rule r returned a bad finding: missing property 'line'"},
		{200, `{"result": [` + strings.Repeat(`{"rule_name": "r", "message": "m", "line": 1},`, 30000) + `{}]}`, "the reply is over 1 MiB"},
	} {
		maxReply = 1 << 20
		defer func() { maxReply = 64 << 20 }()
		var sent []byte
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sent, _ = io.ReadAll(r.Body)
			w.WriteHeader(tc.status)
			io.WriteString(w, tc.body)
		}))
		c, _ := New(srv.URL, budget(10*time.Second), nil)
		_, err := c.Evaluate(context.Background(), doc, 100)
		srv.Close()
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(err.Error()) > 400 || strings.ContainsAny(err.Error(), "\x1b") {
			t.Errorf("%.40q: %.300v, want %q", tc.body, err, tc.want)
		}
		var v map[string]any
		if err := json.Unmarshal(sent, &v); err != nil {
			t.Errorf("the request is not JSON: %v\n%s", err, sent)
		}
	}
}
