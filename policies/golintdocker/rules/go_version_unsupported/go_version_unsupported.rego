# METADATA
# title: Go toolchain image past end of support
# description: |
#   Go supports the two newest major releases; older ones get no security
#   fixes (crypto/tls, net/http and the standard library are compiled into
#   the binary, so their CVEs ship with it) and newer modules stop building
#   with them (`go.mod requires go >= ...`). The guide's own
#   `golang:1.21-alpine` is long past end of support.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-version-unsupported
# custom:
#   id: GD024
#   severity: warning
#   fix_safety: unsafe
#   guide: "2"
#   since: 0.1.0
#   fix: Build with a supported Go release (golang:1.27-alpine) and keep the tag current with Dependabot or Renovate.
#   bad: |
#     FROM golang:1.21-alpine AS builder
#   good: |
#     FROM golang:1.27-alpine AS builder
package golintdocker.rules.go_version_unsupported

import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.images

supported := data.golintdocker.go.supported

deny contains finding if {
	some s in input.stages
	s.from.stage == null
	v := s.from.tag_version
	v != null
	go_image(s)
	count(s.from.unresolved) == 0
	count(supported) > 0
	[v.major, v.minor] < oldest_supported
	finding := object.union(
		{
			"msg": sprintf("Go %s (%s%s) is past end of support; supported: %s", [v.text, s.from.image, source_note(s, v), concat(", ", supported)]),
			"line": s.line,
			"end_line": s.from_end_line,
		},
		fix_and_edits(s, v),
	)
}

go_image(s) if s.from.name == "golang"

go_image(s) if images.has_fact(s, "go_toolchain")

# The MAJOR.MINOR[.PATCH] a supported release starts with: "1.27" -> 1, 27,
# "1.27" (a stage's tag is parsed by golint-docker: from.tag_version).
version(tag) := {"major": to_number(m[1]), "minor": to_number(m[2]), "text": m[0]} if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)\.([0-9]+)(\.[0-9]+)?`, tag, 1)[0]
}

# The oldest supported release as [major, minor]: a version older than it
# is older than every supported one. Undefined when a supported entry does
# not parse (then no version is older than all of them).
oldest_supported := min(versions) if {
	versions := [[v.major, v.minor] | some sup in supported; v := version(sup)]
	count(versions) == count(supported)
}

newest := max([[v.major, v.minor, sup] | some sup in supported; v := version(sup)])[2]

# The global ARG the version came from, when FROM uses one: the first whose
# value holds the version.
version_arg(s, v) := a if {
	contains(s.from.original, "$")
	not contains(s.original, concat("", [":", v.text]))
	names := {n[1] | some n in regex.find_all_string_submatch_n(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`, s.from.original, -1)}
	found := [a |
		some a in input.args
		a.name in names
		a.value != null
		contains(a.value, v.text)
	]
	a := found[0]
}

source_note(s, v) := sprintf(", from --build-arg %s", [a.name]) if {
	a := version_arg(s, v)
	a.provided
} else := sprintf(", from ARG %s on line %d", [a.name, a.line]) if {
	a := version_arg(s, v)
} else := ""

# The tag must be the version, or the version and a variant: 1.21rc2 is not
# 1.21 with a suffix we can keep.
replaceable(s, v) if {
	s.from.digest == ""
	suffix := substring(s.from.tag, count(v.text), -1)
	regex.match(`^(-.*)?$`, suffix)
	not go_get_installs(s)
}

# A stage on this image installs commands with `go get` outside a module,
# which Go 1.18 and later refuse: the new tag alone would break the build.
go_get_installs(s) if {
	some [st, i] in gobuilds.runs
	st.root == s.index
	some g in i.run.go
	g.subcommand == "get"
	g.outside_module
	not object.get(g.env, "GO111MODULE", "") == "off"
}

# The variant after the version ("-alpine3.19"), and the one to use with
# the newest release: the same if the golang image publishes it, else its
# family ("-alpine"), else the Debian release the image defaults to for an
# older Debian one; undefined when none fits.
suffix(s, v) := substring(s.from.tag, count(v.text), -1)

new_suffix(s, v) := "" if {
	suffix(s, v) == ""
} else := suffix(s, v) if {
	trim_prefix(suffix(s, v), "-") in published
} else := concat("", ["-", family]) if {
	family := regex.find_n(`^[a-z]+`, trim_prefix(suffix(s, v), "-"), 1)[0]
	family in published
} else := "-bookworm" if {
	trim_prefix(suffix(s, v), "-") in {"buster", "bullseye", "stretch", "jessie", "wheezy"}
	"bookworm" in published
}

published := object.get(object.get(data.golintdocker.go, "variants", {}), newest, [])

# Variants are only checked when the data lists them.
variant_ok(_, _) if count(published) == 0

variant_ok(s, v) if suffix(s, v) == new_suffix(s, v)

# The version is written in the FROM line: edit it there, with a variant
# that exists for the new release.
fix_and_edits(s, v) := {
	"fix": sprintf("Use Go %s: `%s`%s.", [newest, line, variant_note(s, v)]),
	"edits": [{"line": s.line, "column": 0, "end_line": s.from_end_line, "end_column": 0, "text": line}],
} if {
	replaceable(s, v)
	s.line == s.from_end_line
	new := concat("", [newest, new_suffix_or_same(s, v)])
	line := replace_after(s.original, concat("", [":", s.from.tag]), concat("", [":", new]), 0)
} else := {
	"fix": sprintf("Set the default to %s: `%s`.", [newest, line]),
	"edits": [{"line": a.line, "column": 0, "end_line": a.end_line, "end_column": 0, "text": line}],
} if {
	replaceable(s, v)
	variant_ok(s, v)
	a := version_arg(s, v)
	not a.provided
	a.line == a.end_line
	a.default == a.value
	line := replace_after(a.original, v.text, newest, indexof(a.original, "="))
} else := {"fix": sprintf("Pass a supported Go release: `--build-arg %s=%s`.", [a.name, newest])} if {
	a := version_arg(s, v)
	a.provided
} else := {"fix": sprintf("Use Go %s, and install commands with `go install pkg@version` instead of `go get`, which installs nothing outside a module since Go 1.18.", [newest])} if {
	go_get_installs(s)
} else := {"fix": sprintf("Build with a supported Go release (%s) and keep the tag current with Dependabot or Renovate%s.", [concat(", ", supported), digest_note(s)])}

digest_note(s) := " (and update the digest with the tag)" if s.from.digest != ""

else := ""

new_suffix_or_same(s, v) := new_suffix(s, v) if {
	count(published) > 0
} else := suffix(s, v)

variant_note(s, v) := sprintf(" (golang:%s%s is not published; %s is)", [newest, suffix(s, v), concat("", [newest, new_suffix(s, v)])]) if {
	not variant_ok(s, v)
} else := ""

# text with the first old after byte offset from replaced by new.
replace_after(text, old, new, from) := concat("", [substring(text, 0, k), new, substring(text, k + count(old), -1)]) if {
	from >= 0
	rel := indexof(substring(text, from, -1), old)
	rel >= 0
	k := from + rel
}
