// Package policies holds golint-docker's built-in Rego rules, their tests and
// their data, laid out as an OPA bundle directory: `opa eval -d policies`,
// `opa test policies` and `opa run --server policies` work on it as it is.
package policies

import "embed"

// FS holds the rules, helpers, data and tests (tests are skipped at run time).
//
//go:embed golintdocker
var FS embed.FS
