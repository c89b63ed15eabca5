# METADATA
# title: apt-get update leaves its package lists in a shipped image
# description: |
#   `apt-get update` downloads the package lists to /var/lib/apt/lists:
#   tens of megabytes that nothing in the running image needs. Deleting
#   them in a later RUN does not help (the layer keeps them); remove them at
#   the end of the same RUN, or keep them out of the layer with a cache
#   mount. Only images that ship are reported.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#apt-lists-not-removed
# custom:
#   id: GD049
#   severity: info
#   fix_safety: unsafe
#   since: 0.2.0
#   aliases: [DL3009]
#   fix: End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount a cache there (`RUN --mount=type=cache,target=/var/lib/apt,sharing=locked ...`).
#   bad: |
#     RUN apt-get update && apt-get install -y --no-install-recommends curl
#   good: |
#     RUN apt-get update && apt-get install -y --no-install-recommends curl \
#      && rm -rf /var/lib/apt/lists/*
package golintdocker.rules.apt_lists_not_removed

import data.golintdocker.lib.findings
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.run
	s.in_image
	some pc in i.run.package_commands
	pc.manager in {"apt-get", "apt", "aptitude"}
	pc.verb == "update"
	not pc.cache_removed
	finding := {
		"msg": sprintf("`%s update` on line %d leaves the package lists (/var/lib/apt/lists, tens of MB) in the layer of %s", [pc.manager, pc.line, stages.label(s)]),
		"line": pc.line,
		"end_line": pc.end_line,
		"edits": edits(i),
	}
}

# `&& rm -rf /var/lib/apt/lists/*` at the end of a one-line RUN whose
# script ends with a plain command.
edits(i) := [findings.replace_lines(i, concat("", [i.original, " && rm -rf /var/lib/apt/lists/*"]))] if {
	i.line == i.end_line
	count(i.run.heredocs) == 0
	i.form == "shell"
	not regex.match(`[;&|#\\]\s*$|(^|\s)(fi|done|esac|\}|\))\s*$`, i.original)
	not contains(i.original, "#")
} else := []
