//go:build stress

package policy_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/limits"
	"github.com/golint-docker/golint-docker/pkg/policy"
	"github.com/golint-docker/golint-docker/pkg/testenv"
)

// These take seconds each: make test-stress runs them.

func TestStressTimeoutHoldsForABuiltin(t *testing.T) {
	e := limitEngine(t, "100000000", policy.Options{Timeout: limits.Budget[time.Duration]{Limit: time.Second}, Workers: 1})
	in, size := input(t)
	for i := 0; i < 2; i++ { // the second file gets a fresh worker
		start := time.Now()
		_, err := e.EvaluateValue(context.Background(), in, size)
		d := time.Since(start)
		if !errors.Is(err, policy.ErrTimeout) || !strings.Contains(err.Error(), "timed out after 1s") {
			t.Fatalf("err = %v", err)
		}
		// The worker answers for itself 100 ms after the deadline (plus a
		// fresh worker's start for the second file).
		if d > 4*time.Second {
			t.Errorf("stopped after %v with a 1s timeout", d)
		}
		t.Logf("stopped after %v", d.Round(time.Millisecond))
	}
}

// TestStressHeapStaysNearTheLimit: a rule that grows a set without end is
// stopped when the heap passes --max-memory, before the worker's memory
// doubles it (the live heap Go reports is only updated by a collection,
// which comes when the heap has doubled).
func TestStressHeapStaysNearTheLimit(t *testing.T) {
	const limit = 256 << 20
	e, err := engine(t, policy.Options{MaxHeap: limits.Budget[uint64]{Limit: limit}, Timeout: limits.Budget[time.Duration]{Limit: 2 * time.Minute}, Workers: 1},
		map[string]string{"huge.rego": rule("huge", `deny contains {"msg": "m", "line": 1} if {
	s := {sprintf("%d-%d-padding-padding-padding", [i, j]) | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000)}
	count(s) < 0
}`)})
	if err != nil {
		t.Fatal(err)
	}
	in, size := input(t)
	stop := make(chan struct{})
	peak := make(chan int64, 1)
	go func() { peak <- childrenPeakRSS(stop) }()
	_, err = e.EvaluateValue(context.Background(), in, size)
	close(stop)
	if !errors.Is(err, policy.ErrMemory) || !strings.Contains(err.Error(), "the heap grew past 256 MiB") {
		t.Fatalf("err = %v", err)
	}
	// The worker holds the compiled rules (~100 MiB) besides the heap the
	// rule grows.
	p := <-peak >> 20
	t.Logf("worker peak RSS %d MiB with a 256 MiB limit", p)
	if p > 256+200 {
		t.Errorf("worker peak RSS %d MiB, want at most %d", p, 256+200)
	}
}

// TestStressSchemaRefs: with --allow files, json.match_schema fetches what a
// $ref names; the sandbox's limits still hold: file:///dev/zero stops at the
// memory limit, file:///dev/stdin at the timeout.
func TestStressSchemaRefs(t *testing.T) {
	for _, tc := range []struct {
		ref     string
		timeout time.Duration
		want    error
	}{
		{"file:///dev/zero", time.Minute, policy.ErrMemory},
		{"file:///dev/stdin", 2 * time.Second, policy.ErrTimeout},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			e, err := engine(t, policy.Options{Allow: []string{"files"}, MaxHeap: limits.Budget[uint64]{Limit: 256 << 20}, Timeout: limits.Budget[time.Duration]{Limit: tc.timeout}, Workers: 1},
				map[string]string{"ref.rego": rule("ref", `deny contains {"msg": sprintf("%v", [json.match_schema({}, {"$ref": "`+tc.ref+`"})]), "line": 1}`)})
			if err != nil {
				t.Fatal(err)
			}
			in, size := input(t)
			start := time.Now()
			_, err = e.EvaluateValue(context.Background(), in, size)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			t.Logf("%s: stopped after %v: %v", tc.ref, time.Since(start).Round(time.Millisecond), err)
		})
	}
}

// childrenPeakRSS follows this process's children until stop and returns
// the highest VmHWM seen, in bytes.
func childrenPeakRSS(stop <-chan struct{}) int64 {
	var peak int64
	self := strconv.Itoa(os.Getpid())
	for {
		dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
		for _, stat := range dirs {
			raw, err := os.ReadFile(stat)
			if err != nil {
				continue
			}
			// pid (comm) state ppid ...
			fields := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
			if len(fields) < 2 || fields[1] != self {
				continue
			}
			status, err := os.ReadFile(filepath.Join(filepath.Dir(stat), "status"))
			if err != nil {
				continue
			}
			peak = max(peak, testenv.VmHWM(status))
		}
		select {
		case <-stop:
			return peak
		case <-time.After(5 * time.Millisecond):
		}
	}
}
