// Package lazyre holds regular expressions that are compiled on first use
// rather than at start-up: every package-level regexp.MustCompile runs in
// package initialisation, before main, on every run, while a run that
// answers from the result cache uses none of them.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call and returns
// the same *regexp.Regexp on every call. Like regexp.MustCompile it panics if
// expr does not compile, but at that first call.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
