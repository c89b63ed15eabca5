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
