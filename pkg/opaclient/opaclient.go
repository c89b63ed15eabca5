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
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

// DecisionPath is the Data API path of data.golintdocker.findings.
const DecisionPath = "/v1/data/golintdocker/findings"

// Client asks one OPA server.
type Client struct {
	url     string
	http    *http.Client
	timeout limits.Budget[time.Duration]
	rules   map[string]*finding.Rule
}

// New returns a client for the server at base (http://host:port) that waits
// for a decision as long as timeout gives the file. rules documents the
// rules the caller knows, for help links; decisions carry each finding's id,
// title and severity themselves.
func New(base string, timeout limits.Budget[time.Duration], rules []finding.Rule) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q: want http(s)://host[:port]", base)
	}
	return &Client{
		url:     strings.TrimSuffix(base, "/") + DecisionPath,
		http:    &http.Client{},
		timeout: timeout,
		rules:   policy.Index(rules),
	}, nil
}

// Evaluate posts the input document and decodes the findings.
func (c *Client) Evaluate(ctx context.Context, doc *document.Document, size int) ([]finding.Finding, error) {
	ctx, cancel, _ := limits.WithTimeout(ctx, c.timeout, size)
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
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("OPA server: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("OPA server: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("OPA server answered %s: %s", resp.Status, strings.TrimSpace(string(raw)))
	}
	var out struct {
		Result *json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("OPA server: %w", err)
	}
	if out.Result == nil {
		return nil, fmt.Errorf("OPA server has no data.golintdocker.findings: load the bundle from `golint-docker bundle`")
	}
	return policy.DecodeJSON(*out.Result, c.rules)
}
