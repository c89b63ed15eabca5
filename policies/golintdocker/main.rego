# METADATA
# title: golint-docker findings
# description: |
#   The decision golint-docker evaluates, and the one to query on an OPA
#   server: every rule's deny set, each finding with its rule's id, name,
#   title, severity and fix (from data.golintdocker.meta, which golint-docker
#   derives from the rules' METADATA blocks and ships in its bundles), named
#   as in golint-docker's JSON report (rule_id, rule_name, message, ...).
#   Rules that are off by default (`default: off` in their METADATA) report
#   only when data.golintdocker.options.<rule>.enabled is true.
# scope: package
package golintdocker

findings contains finding if {
	document
	some name
	some f in data.golintdocker.rules[name].deny
	enabled(name)
	finding := make_finding(name, f)
}

# A rule whose METADATA says `default: off` reports only when
# data.golintdocker.options.<name>.enabled is true: golint-docker's --enable
# and the configuration's enable: set it; on an OPA server, the bundle's
# data does.
enabled(name) if {
	not rule_meta(name).default_off
	not off_without_meta(name)
}

enabled(name) if data.golintdocker.options[name].enabled == true

# Without golint-docker's metadata (a stock opa over the policies
# directory), the shipped data's `enabled: false` says which rules are off
# by default.
off_without_meta(name) if {
	not data.golintdocker.meta[name]
	data.golintdocker.options[name].enabled == false
}

# make_finding completes a rule's deny entry with the rule's metadata. An
# entry without msg or line, or one that is not an object, still makes a
# finding (with nulls), so that golint-docker can name the rule that wrote
# it instead of dropping it (pkg/policy/finding.schema.json).
make_finding(name, f) := finding if {
	is_object(f)
	m := rule_meta(name)
	finding := {
		"rule_id": object.get(m, "id", name),
		"rule_name": replace(name, "_", "-"),
		"title": object.get(m, "title", ""),
		"severity": object.get(f, "severity", object.get(m, "severity", "warning")),
		"message": object.get(f, "msg", null),
		"line": object.get(f, "line", null),
		"end_line": object.get(f, "end_line", object.get(f, "line", null)),
		"fix": object.get(f, "fix", object.get(m, "fix", "")),
		"edits": object.get(f, "edits", []),
		"help_uri": object.get(m, "help_uri", ""),
	}
}

make_finding(name, f) := {
	"rule_id": object.get(rule_meta(name), "id", name),
	"rule_name": replace(name, "_", "-"),
	"message": null,
	"line": null,
	"value": f,
} if not is_object(f)

# Input that is not golint-docker's input document (conftest's own
# Dockerfile parser, any other JSON) gets one finding that says what to do:
# the rules would find nothing in it, and silence would pass for a clean file.
findings contains {
	"rule_id": "GD000",
	"rule_name": "not-an-input-document",
	"title": "The input is not a golint-docker input document",
	"severity": "error",
	"message": "the input is not a golint-docker input document (it has no schema_version and stages): these rules read the document golint-docker builds from a Dockerfile, not a Dockerfile parsed by another tool, so they checked nothing",
	"line": 1,
	"end_line": 1,
	"fix": "Give the rules the document golint-docker builds, and their metadata from its bundle: `golint-docker input Dockerfile | conftest test --parser json --namespace golintdocker -p golint-docker-bundle -d golint-docker-bundle -` with the bundle (golint-docker bundle) unpacked in golint-docker-bundle; or run golint-docker itself.",
	"edits": [],
	"help_uri": "https://github.com/golint-docker/golint-docker/blob/main/README.md#conftest",
} if {
	not document
}

document if {
	is_number(input.schema_version)
	is_array(input.stages)
}

# data.golintdocker.meta is written by golint-docker (in process and in its
# bundles); without it a finding still carries its rule's package name.
rule_meta(name) := m if {
	m := data.golintdocker.meta[name]
} else := {}
