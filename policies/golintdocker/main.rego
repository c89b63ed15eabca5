# METADATA
# title: golint-docker findings
# description: |
#   The decision golint-docker evaluates, and the one to query on an OPA
#   server: every rule's deny set, each finding with its rule's id, title,
#   severity and fix (from data.golintdocker.meta, which golint-docker
#   derives from the rules' METADATA blocks and ships in its bundles).
# scope: package
package golintdocker

findings contains finding if {
	some name
	some f in data.golintdocker.rules[name].deny
	m := rule_meta(name)
	finding := {
		"rule": name,
		"id": object.get(m, "id", name),
		"title": object.get(m, "title", ""),
		"severity": object.get(f, "severity", object.get(m, "severity", "warning")),
		"msg": f.msg,
		"line": f.line,
		"end_line": object.get(f, "end_line", f.line),
		"fix": object.get(f, "fix", object.get(m, "fix", "")),
		"edits": object.get(f, "edits", []),
		"help_uri": object.get(m, "help_uri", ""),
	}
}

# data.golintdocker.meta is written by golint-docker (in process and in its
# bundles); without it a finding still carries its rule's package name.
rule_meta(name) := m if {
	m := data.golintdocker.meta[name]
} else := {}
