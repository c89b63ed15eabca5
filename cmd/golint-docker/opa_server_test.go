package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/app"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/lint"
	"github.com/golint-docker/golint-docker/pkg/opaclient"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

// opaBinary builds (or finds in the build cache) the opa command of the OPA
// module this project depends on (a tool in go.mod).
func opaBinary(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "tool", "-n", "opa").Output()
	if err != nil {
		t.Fatalf("go tool -n opa: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// startOPA runs a real OPA server on a free loopback port with the bundle.
func startOPA(t *testing.T, bundle string) string {
	t.Helper()
	bin := opaBinary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "run", "--server", "--addr", addr, "--log-level", "error", "--bundle", bundle)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(base + "/health?bundles=true")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("OPA did not become healthy: %v\n%s", err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type key struct {
	Rule, ID, Severity, Msg, Fix string
	Line, EndLine                int
	Edits                        string
}

func keys(fs []finding.Finding) map[key]int {
	m := map[key]int{}
	for _, f := range fs {
		m[key{f.RuleName, f.RuleID, f.Severity.String(), f.Message, f.Fix, f.Line, f.EndLine, fmt.Sprint(f.Edits)}]++
	}
	return m
}

// TestOPAServerRoundTrip: the bundle served by a stock OPA gives, for the
// input document of every testdata Dockerfile, exactly the findings the
// embedded engine gives.
func TestOPAServerRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts an OPA server")
	}
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle.tar.gz")
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"bundle", "-o", bundle}, env{stdout: &stderr, stderr: &stderr, getenv: func(string) string { return "" }}); code != 0 {
		t.Fatalf("bundle: exit %d: %s", code, stderr.String())
	}
	base := startOPA(t, bundle)

	loaded, err := app.LoadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := policy.New(context.Background(), loaded, policy.Options{})
	if err != nil {
		t.Fatal(err)
	}
	client, err := opaclient.New(base, limits.Budget[time.Duration]{Limit: 30 * time.Second}, eng.Rules)
	if err != nil {
		t.Fatal(err)
	}
	files := testdataDockerfiles(t)
	compared, nonEmpty := 0, 0
	for _, path := range files {
		doc, err := lint.New(nil, lint.Options{}).ReadDocument(path, nil)
		if err != nil {
			continue
		}
		local, err := eng.Evaluate(context.Background(), doc, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		remote, err := client.Evaluate(context.Background(), doc, 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !reflect.DeepEqual(keys(local), keys(remote)) {
			t.Errorf("%s: the OPA server and the embedded engine disagree\nembedded: %v\nserver:   %v", path, keys(local), keys(remote))
		}
		compared++
		if len(local) > 0 {
			nonEmpty++
		}
	}
	if compared < 10 || nonEmpty < 5 {
		t.Fatalf("compared %d files (%d with findings): too few to mean anything", compared, nonEmpty)
	}
}

func testdataDockerfiles(t *testing.T) []string {
	t.Helper()
	var out []string
	// The rules' testdata (policies/golintdocker/rules/NAME/testdata) and the guide's examples.
	for _, root := range []string{filepath.Join("..", "..", "policies", "golintdocker", "rules"), filepath.Join("..", "..", "testdata", "guide")} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.Contains(d.Name(), "Dockerfile") && !strings.HasSuffix(d.Name(), ".dockerignore") {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}
