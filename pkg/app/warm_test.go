package app

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// TestWarmError: rules that fail to compile in the background fail the
// first evaluation as a catalogue error, as they do compiled on demand.
func TestWarmError(t *testing.T) {
	broken := errors.New("broken rule")
	var builds atomic.Int32
	l := &lazyEngine{build: func() (*policy.Engine, error) {
		builds.Add(1)
		return nil, broken
	}}
	l.Warm()
	l.Warm()
	_, err := l.Evaluate(context.Background(), nil, 0)
	var ce catalogueError
	if !errors.As(err, &ce) || !errors.Is(err, broken) {
		t.Fatalf("Evaluate: %v, want a catalogue error wrapping %v", err, broken)
	}
	if !l.Ready() || builds.Load() != 1 {
		t.Fatalf("ready %t after %d builds, want true after 1", l.Ready(), builds.Load())
	}
	l.close()
}

// TestWarmUnused: a background build no file needed is waited for by
// close, not left running (one not started yet never starts); an engine
// never warmed is never built.
func TestWarmUnused(t *testing.T) {
	var done atomic.Bool
	started := make(chan struct{})
	l := &lazyEngine{build: func() (*policy.Engine, error) {
		close(started)
		time.Sleep(20 * time.Millisecond)
		done.Store(true)
		return nil, nil
	}}
	l.Warm()
	<-started
	l.close()
	if !done.Load() {
		t.Fatal("close returned while the build was running")
	}
	cold := &lazyEngine{build: func() (*policy.Engine, error) {
		t.Error("built, never warmed nor used")
		return nil, nil
	}}
	cold.close()
	if _, err := cold.get(); err == nil {
		t.Fatal("a closed engine evaluates")
	}
}
