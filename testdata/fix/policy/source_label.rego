# METADATA
# title: Final image has no org.opencontainers.image.source label
# description: A rule whose fix is marked safe, for the tests of --fix.
# custom:
#   id: TEST001
#   severity: warning
#   fix: Add LABEL org.opencontainers.image.source to the final stage.
#   fix_safety: safe
package golintdocker.rules.test_source_label

import data.golintdocker.lib.findings
import data.golintdocker.lib.stages

deny contains finding if {
	not has_label
	finding := {
		"msg": sprintf("the final image (%s) has no org.opencontainers.image.source label", [stages.base_name(stages.final)]),
		"line": stages.final.line,
		"edits": [findings.insert_after_from(stages.final, "LABEL org.opencontainers.image.source=\"https://example.com/orders\"\n")],
	}
}

has_label if {
	some s in stages.chain(stages.final)
	some i in s.instructions
	i.cmd == "label"
	some p in i.pairs
	p.key == "org.opencontainers.image.source"
}
