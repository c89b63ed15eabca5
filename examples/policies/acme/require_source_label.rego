# METADATA
# title: Final image has no org.opencontainers.image.source label
# description: |
#   ACME's registry links every image to the repository it was built from
#   through the OCI source label; images without it are rejected at push.
# related_resources:
#   - ref: https://wiki.example.com/containers/labels
# custom:
#   id: ACME001
#   severity: error
#   fix: Add LABEL org.opencontainers.image.source="https://github.com/acme/<repo>" to the final stage.
package golintdocker.rules.acme_require_source_label

import data.golintdocker.lib.stages

deny contains finding if {
	not has_label
	finding := {
		"msg": sprintf("the final image (%s) has no org.opencontainers.image.source label", [stages.base_name(stages.final)]),
		"line": stages.final.line,
		"edits": [{
			"line": stages.final.from_end_line + 1, "column": 1,
			"end_line": stages.final.from_end_line + 1, "end_column": 1,
			"text": sprintf("LABEL org.opencontainers.image.source=%q\n", [data.acme.source_url]),
		}],
	}
}

has_label if {
	some s in stages.chain(stages.final)
	some i in s.instructions
	i.cmd == "label"
	some p in i.pairs
	p.key == "org.opencontainers.image.source"
}
