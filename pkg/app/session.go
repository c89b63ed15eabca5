package app

import (
	"context"
	"io"
	"path/filepath"
	"sync"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
)

// Session lints one Dockerfile at a time, as an editor asks for it, with
// the settings a run would use for that file: the configuration file that
// applies to its directory, the command line's settings over it. The rules
// of each distinct set of options are compiled once and kept for the life
// of the session, so a keystroke costs only the evaluation. It is safe for
// concurrent use.
type Session struct {
	mu sync.Mutex
	r  *runner
}

// NewSession starts a session; warnings about configurations (names of no
// rule) go to stderr, once each.
func NewSession(s Settings, stderr io.Writer) *Session {
	if s.Finder == nil {
		s.Finder = config.DefaultFinder()
	}
	return &Session{r: &runner{s: s, io: IO{Stderr: stderr}, plans: map[string]*plan{}, catalogues: map[string]*Catalogue{}, warned: map[string]bool{}}}
}

// Reset forgets which configuration applies where and what they say (a
// configuration file was edited); compiled rules are kept for the options
// that come back unchanged.
func (s *Session) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.r.plans, s.r.order = map[string]*plan{}, nil
	s.r.warned = map[string]bool{}
	s.r.s.Finder.Forget()
}

// planFor is the plan for the Dockerfile at path, its rules compiled (a
// broken policy is the session's error, not the file's).
func (s *Session) planFor(ctx context.Context, path string) (*plan, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.r.planFor(ctx, filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	if err := p.cat.Compile(); err != nil {
		return nil, err
	}
	return p, nil
}

// Lint lints data as the Dockerfile at path (which need not hold data: an
// editor's buffer is linted before it is saved).
func (s *Session) Lint(ctx context.Context, path string, data []byte) (finding.Result, error) {
	p, err := s.planFor(ctx, path)
	if err != nil {
		return finding.Result{}, err
	}
	return p.linter.Data(ctx, path, data), nil
}

// Fix fixes data as the Dockerfile at path, as --fix does (with unsafe,
// as --fix --unsafe-fixes does).
func (s *Session) Fix(ctx context.Context, path string, data []byte, unsafe bool) (fix.Outcome, error) {
	p, err := s.planFor(ctx, path)
	if err != nil {
		return fix.Outcome{}, err
	}
	return fix.File(ctx, data, func(ctx context.Context, b []byte) finding.Result {
		return p.linter.Data(ctx, path, b)
	}, p.fixOptions(unsafe)), nil
}

// Rule documents the rule id as the configuration for path loads it
// (Rule.SafeFix: whether --fix applies its fixes).
func (s *Session) Rule(ctx context.Context, path, id string) (finding.Rule, bool) {
	p, err := s.planFor(ctx, path)
	if err != nil {
		return finding.Rule{}, false
	}
	return FindRule(p.rules, id)
}
