package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// Bundle writes the loaded rules (without tests), their data, the rules'
// metadata (data.golintdocker.meta) and any extra data as a standard OPA
// bundle (.tar.gz): what `opa run --server --bundle` and OPA's bundle
// service load. The revision is version plus a hash of the content, so the
// same rules give the same revision.
func (l *Loaded) Bundle(w io.Writer, version string, extra map[string]any) error {
	data, err := l.DataDocument(extra)
	if err != nil {
		return err
	}
	h := sha256.New()
	var modules []bundle.ModuleFile
	roots := map[string]bool{}
	for _, f := range l.Files {
		if f.Test {
			continue
		}
		path := "/" + strings.TrimPrefix(f.Path, "/")
		modules = append(modules, bundle.ModuleFile{URL: path, Path: path, Raw: f.Raw, Parsed: f.Module})
		fmt.Fprintf(h, "%s\x00%s\x00", path, f.Raw)
		if len(f.Module.Package.Path) > 1 {
			if first, ok := f.Module.Package.Path[1].Value.(ast.String); ok {
				roots[string(first)] = true
			}
		}
	}
	for k := range data {
		roots[k] = true
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	h.Write(raw)
	var rootList []string
	for r := range roots {
		rootList = append(rootList, r)
	}
	sort.Strings(rootList)
	regoV1 := 1
	b := bundle.Bundle{
		Manifest: bundle.Manifest{
			Revision:    fmt.Sprintf("%s-%s", version, hex.EncodeToString(h.Sum(nil))[:12]),
			Roots:       &rootList,
			RegoVersion: &regoV1,
		},
		Data:    data,
		Modules: modules,
	}
	return bundle.NewWriter(w).Write(b)
}
