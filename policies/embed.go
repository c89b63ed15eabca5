// Package policies holds golint-docker's built-in Rego rules, their tests and
// their data, laid out as an OPA bundle directory: `opa eval -d policies`,
// `opa test policies` and `opa run --server policies` work on it as it is.
//
// One rule, one directory: golintdocker/rules/NAME/ holds NAME.rego (the rule
// and its METADATA), NAME_test.rego (its Rego tests) and testdata/ (Dockerfiles
// whose `# want:` comments pkg/lint's suite checks). OPA reads only the .rego
// and data.json files, so the testdata stays out of bundles; it stays out of
// the binary too, by the patterns below.
package policies

import (
	"embed"

	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/policy"
)

// FS holds the rules, helpers, data and tests (tests are skipped at run time),
// not the rules' testdata. TestEmbedded fails when a policy file is left out.
//
//go:embed golintdocker/*.rego golintdocker/*/data.json golintdocker/lib golintdocker/testdoc
//go:embed golintdocker/rules/*/*.rego
var FS embed.FS

// Facts are the image and package facts of the built-in data alone (no
// configuration over it), the ones input documents are built with.
func Facts() (*imagefacts.Catalog, error) {
	data, err := policy.LoadData([]policy.Source{{Name: "policies", FS: FS, Builtin: true}})
	if err != nil {
		return nil, err
	}
	gd, _ := data["golintdocker"].(map[string]any)
	return imagefacts.New(gd)
}
