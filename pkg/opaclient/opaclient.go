// Package opaclient evaluates the findings decision on a remote OPA server
// through its Data API, so that a platform team's central policy governs
// every repository's lint.
//
// Not public API: pkg/app's remote Evaluator, free to change.
package opaclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// DecisionPath is the Data API path of data.golintdocker.findings.
const DecisionPath = "/v1/data/golintdocker/findings"

// Client asks one OPA server.
type Client struct {
	url     string
	http    *http.Client
	timeout limits.Budget[time.Duration]
	rules   map[string]*finding.Rule
	// Consecutive requests that got no answer in time; at MaxTimeouts the
	// client stops sending (a server that accepts and never answers would
	// cost the whole timeout for every file).
	timeouts atomic.Int32
}

// MaxTimeouts is how many requests in a row may go unanswered before the
// client gives up on the server for the rest of the run.
const MaxTimeouts = 3

// DefaultTimeout bounds a request when the budget sets no timeout.
const DefaultTimeout = time.Minute

// maxReply caps what is read of a reply (a variable for the tests).
var maxReply = 64 << 20

// ErrUnanswered is a request the server did not answer in time, or one
// not sent because the server stopped answering.
var ErrUnanswered = errors.New("the OPA server did not answer")

// New returns a client for the server at base (http://host:port) that waits
// for a decision as long as timeout gives the file. rules documents the
// rules the caller knows, for help links; decisions carry each finding's id,
// title and severity themselves.
func New(base string, timeout limits.Budget[time.Duration], rules []finding.Rule) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q: want http(s)://host[:port]", safeio.Excerpt(base, 100))
	}
	return &Client{
		url:     strings.TrimSuffix(base, "/") + DecisionPath,
		http:    &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()},
		timeout: timeout,
		rules:   policy.Index(rules),
	}, nil
}

// Evaluate posts the input document and decodes the findings.
func (c *Client) Evaluate(ctx context.Context, doc *document.Document, size int) ([]finding.Finding, error) {
	if n := c.timeouts.Load(); n >= MaxTimeouts {
		return nil, fmt.Errorf("%w: not sent, as the last %d requests got no answer", ErrUnanswered, n)
	}
	d := c.timeout.For(size)
	if d <= 0 {
		d = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	body, err := json.Marshal(map[string]any{"input": doc})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	raw, status, err := c.do(req)
	if err != nil {
		if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			c.timeouts.Add(1)
			return nil, fmt.Errorf("%w within %s", ErrUnanswered, d)
		}
		return nil, fmt.Errorf("OPA server: %s", safeio.Excerpt(err.Error(), 200))
	}
	c.timeouts.Store(0)
	if status != http.StatusOK {
		return nil, fmt.Errorf("OPA server answered %d: %s", status, safeio.Excerpt(strings.TrimSpace(string(raw)), 200))
	}
	var out struct {
		Result *json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("OPA server: the reply is not JSON: %s", safeio.Excerpt(err.Error(), 100))
	}
	if out.Result == nil {
		return nil, fmt.Errorf("OPA server has no data.golintdocker.findings: load the bundle from `golint-docker bundle`")
	}
	fs, err := policy.DecodeJSON(*out.Result, c.rules)
	if err != nil {
		return nil, fmt.Errorf("OPA server: %w", err)
	}
	return fs, nil
}

// do sends req and reads the reply, at most maxReply bytes, all within
// req's context.
func (c *Client) do(req *http.Request) ([]byte, int, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, int64(maxReply)+1))
	if err != nil {
		return nil, 0, err
	}
	if len(raw) > maxReply {
		return nil, 0, fmt.Errorf("the reply is over %s", safeio.Size(int64(maxReply)))
	}
	return raw, resp.StatusCode, nil
}
