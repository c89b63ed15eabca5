# METADATA
# title: ADD of local files or directories, where COPY does the job
# description: |
#   ADD does what COPY does, and more: it unpacks local tar archives and
#   downloads URLs. For plain files and directories that extra behaviour
#   is a trap (a file that happens to be an archive is unpacked, and a
#   reader cannot tell what the instruction is for); COPY says exactly
#   "copy". Keep ADD for archives to unpack and for downloads with
#   --checksum.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#add-instead-of-copy
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: GD041
#   severity: info
#   fix_safety: safe
#   since: 0.2.0
#   aliases: [DL3020, DS005]
#   fix: Use COPY for local files and directories.
#   bad: |
#     ADD config.yaml /etc/app/config.yaml
#   good: |
#     COPY config.yaml /etc/app/config.yaml
package golintdocker.rules.add_instead_of_copy

import data.golintdocker.lib.findings
import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, _, i] in instructions.by_cmd.add
	count(i.copy.sources) > 0
	every kind in i.copy.source_kinds {
		kind == "local"
	}
	finding := {
		"msg": sprintf("ADD on line %d copies local files (%s): COPY does that without ADD's unpacking of archives", [i.line, concat(" ", i.copy.sources)]),
		"line": i.line,
		"end_line": i.end_line,
		"edits": edits(i),
	}
}

# The keyword becomes COPY, when the instruction starts with it and uses
# no flag COPY lacks.
edits(i) := [findings.replace_lines(i, concat("", ["COPY", substring(i.original, 3, -1)]))] if {
	i.line == i.end_line
	upper(substring(i.original, 0, 3)) == "ADD"
	every f in i.flags {
		regex.match(`^--(chown|chmod|link|exclude)(=|$)`, f)
	}
} else := []
