# METADATA
# title: COPY or ADD of several sources to a destination without a trailing /
# description: |
#   With several sources the destination must be a directory. Written
#   without a trailing `/` it is one only if it already exists: otherwise
#   BuildKit writes each source in turn to that path as a file, and the
#   image holds the last one under the directory's name. Rules stay quiet
#   when the directory is known to exist (a WORKDIR, an earlier COPY into
#   it, a standard directory of the base image, a path an earlier RUN
#   names).
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#copy-several-to-file
# custom:
#   id: GD031
#   severity: error
#   fix_safety: safe
#   since: 0.2.0
#   aliases: [DL3021, DS011]
#   fix: End the destination with `/` (COPY a b /dest/), which also creates the directory.
#   bad: |
#     FROM scratch
#     COPY --from=build /out/api /out/worker /app
#   good: |
#     FROM scratch
#     COPY --from=build /out/api /out/worker /app/
package golintdocker.rules.copy_several_to_file

import data.golintdocker.lib.files
import data.golintdocker.lib.findings

deny contains finding if {
	some [_, _, _, i] in files.all_copies
	n := count(i.copy.sources) + count(i.copy.heredocs)
	n > 1
	c := i.copy
	not endswith(c.dest, "/")
	not c.dest in {".", "..", ""}
	not c.dest_exists
	finding := {
		"msg": sprintf("%s on line %d copies %d sources to %s, which does not end with /: unless that directory already exists, each source is written over the one before as the file %s", [upper(i.cmd), i.line, n, c.dest, c.dest]),
		"line": i.line,
		"end_line": i.end_line,
		"edits": edits(i),
	}
}

# Add the slash at the end of a one-line instruction (the line is
# rewritten, as written, with the slash).
edits(i) := [findings.replace_lines(i, concat("", [i.original, "/"]))] if {
	i.line == i.end_line
	count(i.copy.heredocs) == 0
	dest := i.args[count(i.args) - 1]
	endswith(i.original, dest)
} else := []
