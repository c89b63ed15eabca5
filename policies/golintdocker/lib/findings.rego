# METADATA
# title: Findings and edits
# description: |
#   Building findings and the edits of their fixes. An edit replaces the
#   text from line:column to end_line:end_column (1-based byte columns, the
#   end exclusive) with text; column 0 and end_column 0 mean whole lines.
package golintdocker.lib.findings

# A finding at the FROM line(s) of stage s.
at_from(s, msg, fix) := {
	"msg": msg,
	"line": s.line,
	"end_line": s.from_end_line,
	"fix": fix,
}

# An edit that inserts text at pos ({"line", "column"}).
insert_at(pos, text) := {
	"line": pos.line, "column": pos.column,
	"end_line": pos.line, "end_column": pos.column,
	"text": text,
}

# An edit that replaces span ({"line", "column", "end_line", "end_column"})
# with text.
replace_span(span, text) := {
	"line": span.line, "column": span.column,
	"end_line": span.end_line, "end_column": span.end_column,
	"text": text,
}

# An edit that replaces the whole lines of instruction i with text.
replace_lines(i, text) := {
	"line": i.line, "column": 0,
	"end_line": i.end_line, "end_column": 0,
	"text": text,
}

# An edit that adds text (whole lines, ending in a newline) right after the
# FROM of stage s.
insert_after_from(s, text) := insert_at({"line": s.from_end_line + 1, "column": 1}, text)

# How a COPY --from that a fix adds names stage s, with the edits that give
# it that name: [name, edits]. A named stage keeps its name; an unnamed one
# gets the first of names (then stage-<index>) that no stage, image or
# --from of the file uses yet, written into its FROM (`FROM golang:1.27 AS
# builder`) when the FROM is one line: a number would break once stages
# are added or reordered (copy-from-index). Undefined otherwise.
stage_reference(s, _) := [s.name, []] if s.name != ""

stage_reference(s, names) := [n, [replace_lines({"line": s.line, "end_line": s.from_end_line}, sprintf("%s AS %s", [s.original, n]))]] if {
	s.name == ""
	s.line == s.from_end_line
	regex.match(`^\s*[Ff][Rr][Oo][Mm]\s+\S`, s.original)
	n := [c | some c in array.concat(names, [sprintf("stage-%d", [s.index])]); not c in used_names][0]
}

# The names a new stage name must not take (stage names are not case
# sensitive): those of the stages, and the images and --from sources that
# would then mean the new stage.
used_names contains lower(st.name) if some st in input.stages

used_names contains lower(st.from.original) if some st in input.stages

used_names contains lower(i.copy.from) if {
	some st in input.stages
	some i in st.instructions
	i.copy.from != ""
}

used_names contains lower(m.from) if {
	some st in input.stages
	some i in st.instructions
	some m in i.run.mounts
	m.from != ""
}

# Edits that insert text right after the program word of command c of a
# RUN (`apt-get| install`), when the command starts with that word as
# written (no inline assignment, no path, an exact place); [] otherwise.
insert_after_program(c, text) := [insert_at({"line": c.line, "column": c.column + count(c.argv[0])}, text)] if {
	c.exact
	count(object.get(c, "env", {})) == 0
	c.argv[0] == c.name
} else := []
