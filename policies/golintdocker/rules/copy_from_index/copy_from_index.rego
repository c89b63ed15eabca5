# METADATA
# title: COPY --from refers to a stage by number
# description: |
#   `COPY --from=0` names the first FROM of the file. Add a stage above it
#   (a tools stage, a cross-compilation helper) or reorder the stages and the
#   number silently points at another stage: the build copies the wrong
#   files or fails with "not found". A stage name (`AS build`) stays right
#   and says what is copied.
#
#   The fix names the stage where it has no name (`AS build` on its FROM,
#   a name no stage, image or --from of the file uses) and rewrites every
#   `--from=<number>` and `--mount=...,from=<number>` that points at it, so
#   the build reads the same stage as before. It is offered only when each
#   of those numbers is written plainly and the FROM is one line.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#copy-from-index
# custom:
#   id: GD027
#   severity: info
#   fix_safety: safe
#   guide: "1.2"
#   since: 0.1.0
#   fix: Name the stage (FROM golang:1.27 AS build) and refer to it by name (COPY --from=build).
#   bad: |
#     FROM golang:1.27-alpine
#     RUN go build -o /out/app .
#     FROM scratch
#     COPY --from=0 /out/app /app
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN go build -o /out/app .
#     FROM scratch
#     COPY --from=build /out/app /app
package golintdocker.rules.copy_from_index

import data.golintdocker.lib.files
import data.golintdocker.lib.findings

refs contains [i, "COPY --from", i.copy.from, i.copy.from_stage, i.copy.from_pos] if {
	some [_, i] in files.copies
	i.copy.from_stage != null
	regex.match(`^[0-9]+$`, i.copy.from)
}

refs contains [i, "RUN --mount from", m.from, m.from_stage, m.from_pos] if {
	some [_, i, m] in files.from_mounts
	m.from_stage != null
	regex.match(`^[0-9]+$`, m.from)
}

deny contains finding if {
	some [i, what, from, n, _] in refs
	target := input.stages[n]
	finding := object.union(
		{
			"msg": sprintf("%s=%s refers to stage %d (%s, line %d) by number: the number points elsewhere once stages are added or reordered", [what, from, n, describe(target), target.line]),
			"line": i.line,
			"end_line": i.end_line,
			"fix": fix(what, from, target),
		},
		fix_edits(target),
	)
}

# The edits for stage st: its name where it has none, and every reference
# to it by number rewritten, all in one fix, so the build reads the same
# stage and no reference by number is left. None when a number is not
# written plainly (its place is not exact) or the FROM cannot be named.
fix_edits(st) := {"edits": array.concat(naming, [findings.replace_span(pos, name) | some pos in positions])} if {
	[name, naming] := reference(st)
	positions := [pos | some [_, pos] in sort([[[pos.line, pos.column], pos] | some [_, _, _, k, pos] in refs; k == st.index])]
	every pos in positions {
		pos.exact == true
	}
} else := {}

reference(st) := findings.stage_reference(st, names(st))

names(st) := ["build", "builder", "build-stage"] if count(unnamed_targets) == 1

else := [sprintf("build-%d", [st.index])]

describe(st) := sprintf("%q, FROM %s", [st.name, st.from.original]) if st.name != ""

else := sprintf("FROM %s, which has no name", [st.from.original])

fix(what, from, st) := sprintf("Write `%s=%s` instead of `%s=%s`.", [flag(what), st.name, flag(what), from]) if {
	st.name != ""
} else := sprintf("Name the stage (`%s AS %s` on line %d) and write `%s=%s`.", [st.original, n, st.line, flag(what), n]) if {
	[n, _] := reference(st)
} else := sprintf("Name the stage (`AS %s` at the end of its FROM, line %d) and write `%s=%s`.", [new_name(st), st.line, flag(what), new_name(st)])

# A name no stage has yet; numbered per stage when several unnamed stages
# are referred to by number, so the suggestions do not collide.
new_name(st) := n if {
	count(unnamed_targets) == 1
	n := [c |
		some c in ["build", "builder", "build-stage"]
		not c in stage_names
	][0]
} else := sprintf("build-%d", [st.index])

stage_names := {s.name | some s in input.stages}

unnamed_targets contains n if {
	some [_, _, _, n, _] in refs
	input.stages[n].name == ""
}

flag("COPY --from") := "--from"

flag("RUN --mount from") := "from"
