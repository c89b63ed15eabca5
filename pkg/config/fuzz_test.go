package config

import (
	"testing"
)

// FuzzParse: any bytes give a Config or an *Error-based error; never a panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"ignore: [GD017]\nseverity: {runs-as-root: error}\n",
		"failure-threshold: none\ntrusted-registries: [docker.io]\npolicies: [p]\ndata: {go: {supported: ['1.27']}}\n",
		"{}", "", "- a\n", "ignore: &a [x]\nseverity: *a\n", "data: !!binary aGVsbG8=\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		c, err := Parse("cfg.yaml", raw)
		if err == nil && c == nil {
			t.Fatal("nil config without an error")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
	})
}
