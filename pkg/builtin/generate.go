package builtin

import (
	"encoding/json"

	"github.com/open-policy-agent/opa/v1/version"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// Generate makes the generated files from the sources: their names and
// contents. go generate (./gen) writes them; a test checks they are
// current.
func Generate() (map[string][]byte, error) {
	l, err := policy.Load([]policy.Source{Source()}, false)
	if err != nil {
		return nil, err
	}
	m := Meta{Digest: SourceDigest(), OPA: version.Version, Rules: l.Rules, Data: l.Data}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return map[string][]byte{MetaFile: append(raw, '\n')}, nil
}
