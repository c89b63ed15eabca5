# METADATA
# title: Go module checksum verification or TLS turned off (GOSUMDB=off, GOINSECURE, broad GONOSUMDB)
# description: |
#   The go command checks every module it downloads against go.sum and,
#   for modules go.sum does not list yet, against the checksum database
#   (sum.golang.org), over HTTPS. GOSUMDB=off drops the database check for
#   every module; GONOSUMDB or GOPRIVATE with a pattern that covers public
#   hosts (*, github.com) drops it for all of them; GOINSECURE fetches the
#   matching modules over plain HTTP or without certificate checks; the
#   -insecure flag (GOFLAGS) did the same before Go 1.17. A tampered module
#   then builds into the image unnoticed. Private modules need only their
#   own path in GOPRIVATE (github.com/acme/*), with credentials from a
#   secret mount.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-checksum-off
#   - ref: https://go.dev/ref/mod#private-modules
# custom:
#   id: GD035
#   severity: warning
#   since: 0.2.0
#   fix: Remove the setting; for private modules set GOPRIVATE to their paths only (GOPRIVATE=github.com/acme/*) and pass credentials with RUN --mount=type=secret.
#   bad: |
#     ENV GOSUMDB=off
#   good: |
#     ENV GOPRIVATE=github.com/acme/*
package golintdocker.rules.go_checksum_off

deny contains finding if {
	some s in input.stages
	some set in s.go_settings
	why := problem(set.name, set.value)
	finding := {
		"msg": sprintf("%s%s=%s on line %d %s", [via(set.via), set.name, set.value, set.line, why]),
		"line": set.line,
		"end_line": set.end_line,
	}
}

via("env") := "ENV "

via("arg") := "ARG "

via("go env -w") := "go env -w "

via("run") := ""

problem("GOSUMDB", "off") := "turns off the checksum database: modules go.sum does not list are used without any check"

problem(name, value) := sprintf("skips the checksum database for %s, which covers public modules", [concat(", ", broad)]) if {
	name in {"GONOSUMDB", "GOPRIVATE"}
	broad := [p | some p in split(value, ","); public_pattern(trim_space(p))]
	count(broad) > 0
}

problem("GOINSECURE", value) := sprintf("fetches modules matching %s over plain HTTP or without checking certificates", [value]) if {
	trim_space(value) != ""
}

problem("GOFLAGS", value) := "asks go get to fetch without certificate checks (Go 1.17 and later refuse the flag and fail)" if {
	some f in split(value, " ")
	f in {"-insecure", "-insecure=true", "--insecure"}
}

# Hosts that serve public modules: a pattern of a whole host skips the
# checks for everyone's modules there.
public_hosts := {
	"github.com", "gitlab.com", "bitbucket.org", "golang.org", "google.golang.org", "gopkg.in",
	"go.googlesource.com", "k8s.io", "sigs.k8s.io", "go.uber.org", "cloud.google.com", "go.opentelemetry.io",
}

public_pattern(p) if p in {"*", "*.*", "*/*"}

public_pattern(p) if {
	host := trim_suffix(trim_suffix(p, "/*"), "/")
	host in public_hosts
}

public_pattern(p) if {
	startswith(p, "*.")
	not contains(p, "/")
}
