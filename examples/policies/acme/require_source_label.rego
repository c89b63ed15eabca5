# METADATA
# title: Final image has no org.opencontainers.image.source label
# description: |
#   ACME's registry links every image to the repository it was built from
#   through the OCI source label; images without it are rejected at push.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://wiki.example.com/containers/labels
# custom:
#   id: ACME001
#   severity: error
#   fix: Add LABEL org.opencontainers.image.source="https://github.com/acme/<repo>" to the final stage.
package golintdocker.rules.acme_require_source_label

import data.golintdocker.lib.findings
import data.golintdocker.lib.stages

deny contains finding if {
	not has_label
	finding := {
		"msg": sprintf("the final image (%s) has no org.opencontainers.image.source label", [stages.base_name(stages.final)]),
		"line": stages.final.line,
		"edits": [findings.insert_after_from(stages.final, sprintf("LABEL org.opencontainers.image.source=%q\n", [data.acme.source_url]))],
	}
}

# The label is set in the final stage or a stage it is built on.
has_label if {
	some s in stages.final_chain
	some i in s.instructions
	i.cmd == "label"
	some p in i.pairs
	p.key == "org.opencontainers.image.source"
}
