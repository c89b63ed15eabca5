# METADATA
# title: apk add without --no-cache leaves the package index in a shipped image
# description: |
#   apk keeps the package index it fetches in /var/cache/apk, a few
#   megabytes per repository that nothing in the running image needs.
#   `apk add --no-cache` fetches it to a temporary place and leaves nothing
#   (and makes `apk update` unneeded). Only images that ship are reported;
#   a cache mount of /var/cache/apk or removing it in the same RUN counts.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#apk-no-cache
# custom:
#   id: GD051
#   severity: info
#   fix_safety: unsafe
#   since: 0.2.0
#   aliases: [DL3019, DS025]
#   fix: Use `apk add --no-cache ...` (without a separate `apk update`).
#   bad: |
#     RUN apk update && apk add ca-certificates tzdata
#   good: |
#     RUN apk add --no-cache ca-certificates tzdata
package golintdocker.rules.apk_no_cache

import data.golintdocker.lib.findings
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.run
	s.in_image
	some pc in i.run.package_commands
	pc.manager == "apk"
	pc.verb in {"add", "update"}
	not pc.no_cache
	not pc.cache_removed
	finding := {
		"msg": sprintf("`apk %s` on line %d leaves apk's package index (/var/cache/apk) in the layer of %s", [pc.verb, pc.line, stages.label(s)]),
		"line": pc.line,
		"end_line": pc.end_line,
		"edits": edits(i, pc),
	}
}

# --no-cache on an apk add, when no apk update before it in the RUN
# fetched an index (that one would stay).
edits(i, pc) := findings.insert_after_program(i.run.commands[pc.command], " --no-cache") if {
	pc.verb == "add"
	not updates(i)
} else := []

updates(i) if {
	some other in i.run.package_commands
	other.manager == "apk"
	other.verb == "update"
}
