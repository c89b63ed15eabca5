package policy

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Access is a way out of the sandbox a user may open for policies.
type Access string

// The kinds of access. Policies get none of them unless the user opts in
// (--allow-net opens them all): policies are untrusted code that may put
// what it reads into findings, and findings go to public CI annotations.
const (
	Net   Access = "net"   // HTTP requests and DNS lookups
	Env   Access = "env"   // the process's environment variables
	Clock Access = "clock" // the current time (a policy's result must not depend on when it runs)
	Files Access = "files" // files and URLs named by JSON Schema $refs (file://, http://)
)

// Accesses lists every kind of access, for help texts.
var Accesses = []Access{Net, Env, Clock, Files}

// Denied are the built-in functions that reach outside the sandbox, by the
// access each needs.
var Denied = map[string]Access{
	"http.send":          Net,
	"net.lookup_ip_addr": Net,
	"opa.runtime":        Env,
	"time.now_ns":        Clock,
	// Without a "time" constraint it checks expiry against the clock.
	"io.jwt.decode_verify": Clock,
	// Verify the chain at the current time.
	"crypto.x509.parse_and_verify_certificates":              Clock,
	"crypto.x509.parse_and_verify_certificates_with_options": Clock,
	// Their schemas may $ref file:// and http:// URLs, which are fetched:
	// file:///dev/stdin hangs, file:///dev/zero exhausts memory, and a file's
	// field names come back in the error list.
	"json.match_schema":  Files,
	"json.verify_schema": Files,
}

// Allowed are the built-in functions policies may call: pure functions of
// their arguments. The list is explicit so that a function added by a newer
// OPA is refused until it has been reviewed (TestEveryBuiltinIsReviewed).
// The time functions that take a time zone name read the system's time
// zone database, which holds nothing secret.
var Allowed = []string{
	"abs", "all", "and", "any", "array.concat", "array.flatten", "array.reverse", "array.slice", "assign",
	"base64.decode", "base64.encode", "base64.is_valid", "base64url.decode", "base64url.encode", "base64url.encode_no_pad",
	"bits.and", "bits.lsh", "bits.negate", "bits.or", "bits.rsh", "bits.xor",
	"cast_array", "cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string", "ceil", "concat", "contains", "count",
	"crypto.hmac.equal", "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256", "crypto.hmac.sha512",
	"crypto.md5", "crypto.parse_private_keys", "crypto.sha1", "crypto.sha256",
	"crypto.x509.parse_certificate_request", "crypto.x509.parse_certificates", "crypto.x509.parse_keypair", "crypto.x509.parse_rsa_private_key",
	"div", "endswith", "eq", "equal", "floor", "format_int", "glob.match", "glob.quote_meta",
	"graph.reachable", "graph.reachable_paths",
	"graphql.is_valid", "graphql.parse", "graphql.parse_and_verify", "graphql.parse_query", "graphql.parse_schema", "graphql.schema_is_valid",
	"gt", "gte", "hex.decode", "hex.encode", "indexof", "indexof_n",
	"internal.member_2", "internal.member_3", "internal.print", "internal.template_string", "internal.test_case",
	"intersection", "io.jwt.decode", "io.jwt.encode_sign", "io.jwt.encode_sign_raw",
	"io.jwt.verify_eddsa", "io.jwt.verify_es256", "io.jwt.verify_es384", "io.jwt.verify_es512",
	"io.jwt.verify_hs256", "io.jwt.verify_hs384", "io.jwt.verify_hs512",
	"io.jwt.verify_ps256", "io.jwt.verify_ps384", "io.jwt.verify_ps512",
	"io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512",
	"is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string",
	"json.filter", "json.is_valid", "json.marshal", "json.marshal_with_options", "json.patch", "json.remove", "json.unmarshal",
	"lower", "lt", "lte", "max", "min", "minus", "mul", "neq",
	"net.cidr_contains", "net.cidr_contains_matches", "net.cidr_expand", "net.cidr_intersects", "net.cidr_is_valid", "net.cidr_merge", "net.cidr_overlap",
	"numbers.range", "numbers.range_step",
	"object.filter", "object.get", "object.keys", "object.remove", "object.subset", "object.union", "object.union_n",
	"or", "plus", "print", "product", "providers.aws.sign_req", "rand.intn", "re_match",
	"regex.find_all_string_submatch_n", "regex.find_n", "regex.globs_match", "regex.is_valid", "regex.match", "regex.replace", "regex.split", "regex.template_match",
	"rego.metadata.chain", "rego.metadata.rule", "rego.parse_module", "rem", "replace", "round",
	"semver.compare", "semver.is_valid", "set_diff", "sort", "split", "sprintf", "startswith",
	"strings.any_prefix_match", "strings.any_suffix_match", "strings.count", "strings.render_template", "strings.replace_n", "strings.reverse", "strings.split_n",
	"substring", "sum",
	"time.add_date", "time.clock", "time.date", "time.diff", "time.format", "time.parse_duration_ns", "time.parse_ns", "time.parse_rfc3339_ns", "time.weekday",
	"to_number", "trace", "trim", "trim_left", "trim_prefix", "trim_right", "trim_space", "trim_suffix", "type_name", "union",
	"units.parse", "units.parse_bytes", "upper", "uri.is_valid", "uri.parse",
	"urlquery.decode", "urlquery.decode_object", "urlquery.encode", "urlquery.encode_object",
	"uuid.parse", "uuid.rfc4122", "walk", "yaml.is_valid", "yaml.marshal", "yaml.unmarshal",
}

// ParseAccess reads an --allow value: a kind of access or a denied
// function's name.
func ParseAccess(s string) (string, error) {
	for _, a := range Accesses {
		if s == string(a) {
			return s, nil
		}
	}
	if _, ok := Denied[s]; ok {
		return s, nil
	}
	names := make([]string, 0, len(Denied))
	for n := range Denied {
		names = append(names, n)
	}
	sort.Strings(names)
	return "", fmt.Errorf("%q: want %s, or one of %s", s, strings.Join(accessNames(), ", "), strings.Join(names, ", "))
}

func accessNames() []string {
	out := make([]string, len(Accesses))
	for i, a := range Accesses {
		out[i] = string(a)
	}
	return out
}

// Capabilities returns what policies may call: Allowed, plus the denied
// functions that allow opens (kinds of access or function names; "all"
// opens everything).
func Capabilities(allow []string) *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if slices.Contains(Allowed, b.Name) || opened(allow, b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	if !opened(allow, "http.send") {
		caps.AllowNet = []string{}
	}
	return caps
}

func opened(allow []string, builtin string) bool {
	access, denied := Denied[builtin]
	if !denied {
		return false
	}
	for _, a := range allow {
		if a == "all" || a == builtin || a == string(access) {
			return true
		}
	}
	return false
}

// refusal explains a call to a function the sandbox leaves out.
func refusal(name string) string {
	if access, ok := Denied[name]; ok {
		what := map[Access]string{
			Net:   "the network",
			Env:   "the environment",
			Clock: "the clock",
			Files: "files and URLs (through $ref)",
		}[access]
		return fmt.Sprintf("%s is not allowed: it reaches %s, and policies get no network, environment, clock or file access unless allowed (--allow %s, or --allow-net for all)", name, what, access)
	}
	return fmt.Sprintf("%s is not allowed: golint-docker has not reviewed it for its policy sandbox", name)
}
