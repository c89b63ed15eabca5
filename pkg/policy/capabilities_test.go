package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestEveryBuiltinIsReviewed: each function this OPA offers is either
// allowed or denied; one a newer OPA adds fails here until it is reviewed
// (and until then the sandbox refuses it).
func TestEveryBuiltinIsReviewed(t *testing.T) {
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		_, denied := Denied[b.Name]
		allowed := slices.Contains(Allowed, b.Name)
		if allowed == denied {
			t.Errorf("%s: allowed=%v denied=%v; review it and list it in exactly one", b.Name, allowed, denied)
		}
	}
}

// TestDeniedBuiltins: every function that reaches the network, the
// environment, the clock or files is refused by name in a custom policy,
// and allowed by its kind of access, by its name, or by --allow-net.
func TestDeniedBuiltins(t *testing.T) {
	calls := map[string]string{
		"http.send":            `http.send({"method": "GET", "url": "http://127.0.0.1:9/"})`,
		"net.lookup_ip_addr":   `net.lookup_ip_addr("example.com")`,
		"opa.runtime":          `opa.runtime()`,
		"time.now_ns":          `time.now_ns()`,
		"io.jwt.decode_verify": `io.jwt.decode_verify("e30.e30.x", {"secret": "s"})`,
		"crypto.x509.parse_and_verify_certificates":              `crypto.x509.parse_and_verify_certificates("x")`,
		"crypto.x509.parse_and_verify_certificates_with_options": `crypto.x509.parse_and_verify_certificates_with_options("x", {})`,
		"json.match_schema":  `json.match_schema({}, {"$ref": "file:///etc/passwd"})`,
		"json.verify_schema": `json.verify_schema({"$ref": "file:///dev/zero"})`,
	}
	for name := range Denied {
		if calls[name] == "" {
			t.Errorf("%s is denied but not tested here", name)
		}
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			src := "package golintdocker.rules.probe\n\ndeny contains {\"msg\": sprintf(\"%v\", [x]), \"line\": 1} if {\n\tx := " + call + "\n}\n"
			m, err := ast.ParseModuleWithOpts("probe.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
			if err != nil {
				t.Fatal(err)
			}
			modules := map[string]*ast.Module{"probe.rego": m}
			_, err = compile(modules, Capabilities(nil), false)
			if err == nil || !strings.Contains(err.Error(), "probe.rego:4:") || !strings.Contains(err.Error(), name+" is not allowed: it reaches") ||
				!strings.Contains(err.Error(), "--allow "+string(Denied[name])) {
				t.Errorf("not refused as it should be: %v", err)
			}
			for _, allow := range [][]string{{string(Denied[name])}, {name}, {"all"}} {
				if _, err := compile(modules, Capabilities(allow), false); err != nil {
					t.Errorf("--allow %v: %v", allow, err)
				}
			}
			// Opening another kind of access does not open this one.
			for _, other := range Accesses {
				if other != Denied[name] {
					if _, err := compile(modules, Capabilities([]string{string(other)}), false); err == nil {
						t.Errorf("--allow %s opens %s", other, name)
					}
				}
			}
		})
	}
}

func TestParseAccess(t *testing.T) {
	for _, ok := range []string{"net", "env", "clock", "files", "time.now_ns"} {
		if _, err := ParseAccess(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	if _, err := ParseAccess("disk"); err == nil || !strings.Contains(err.Error(), "want net, env, clock, files") {
		t.Errorf("disk: %v", err)
	}
}
