// Package imageref splits a container image reference into the parts rules
// match on, the way Docker normalises it.
//
// Not public API: a helper of pkg/document, free to change.
package imageref

import (
	"strings"

	"github.com/distribution/reference"
)

// Ref is an image reference as written and split.
type Ref struct {
	// Name is the familiar name without tag or digest: "golang",
	// "gcr.io/distroless/static-debian12".
	Name string `json:"name"`
	// Registry is the normalised registry host: "docker.io", "gcr.io".
	Registry string `json:"registry"`
	// Repository is the path inside the registry: "library/golang".
	Repository string `json:"repository"`
	Tag        string `json:"tag"`
	Digest     string `json:"digest"`
	Scratch    bool   `json:"scratch"`
	// Error says why the reference is not valid; the other fields are then
	// best-effort.
	Error string `json:"error,omitempty"`
}

// Parse splits s. It never fails: an invalid reference is returned with Error set.
func Parse(s string) Ref {
	if strings.EqualFold(s, "scratch") {
		return Ref{Name: "scratch", Scratch: true}
	}
	named, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return fallback(s, err)
	}
	r := Ref{
		Name:       reference.FamiliarName(named),
		Registry:   reference.Domain(named),
		Repository: reference.Path(named),
	}
	if t, ok := named.(reference.Tagged); ok {
		r.Tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		r.Digest = d.Digest().String()
	}
	return r
}

// fallback splits an invalid reference (often one with an unresolved
// ${VAR}) by its separators so that rules still see a name and a tag.
func fallback(s string, err error) Ref {
	r := Ref{Error: err.Error()}
	rest := s
	if i := strings.Index(rest, "@"); i >= 0 {
		r.Digest = rest[i+1:]
		rest = rest[:i]
	}
	if i := strings.LastIndex(rest, ":"); i >= 0 && !strings.Contains(rest[i:], "/") {
		r.Tag = rest[i+1:]
		rest = rest[:i]
	}
	r.Name = rest
	return r
}
