package builtin

import (
	"encoding/json"
	"fmt"

	"github.com/open-policy-agent/opa/v1/version"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// Generate makes the generated files from the sources: their names and
// contents. go generate writes them (TestGenerated -update); the same
// test checks they are current.
func Generate() (map[string][]byte, error) {
	l, err := policy.Load([]policy.Source{Source()}, false)
	if err != nil {
		return nil, err
	}
	m := Meta{Digest: SourceDigest(), OPA: version.Version, Rules: l.Rules, Data: l.Data, Reads: l.ReadKeys()}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	compiled, err := policy.Precompile(l)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		MetaFile:     append(raw, '\n'),
		CompiledFile: append([]byte(compiledHeader(m.Digest, m.OPA)), compiled...),
	}, nil
}

// compiledHeader is the first line of the compiled rules: what they were
// made from, checked before they are used.
func compiledHeader(digest, opa string) string {
	return fmt.Sprintf("sources %s opa %s\n", digest, opa)
}
