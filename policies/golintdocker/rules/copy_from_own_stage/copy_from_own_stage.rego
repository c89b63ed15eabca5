# METADATA
# title: COPY --from or RUN --mount names the stage it is in, or one built on it
# description: |
#   A stage cannot read from itself, nor from a stage built on top of it:
#   BuildKit stops with "circular dependency detected on stage" and nothing
#   is built. It happens when a stage is renamed or an instruction is moved
#   into the stage it copied from.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#copy-from-own-stage
# custom:
#   id: GD030
#   severity: error
#   since: 0.2.0
#   aliases: [DL3023, DS006]
#   fix: Name the earlier stage that makes the files (--from=build), or drop --from to copy from the build context.
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN go build -o /out/app .
#     COPY --from=build /out/app /usr/local/bin/app
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN go build -o /out/app .
#     FROM alpine:3.22
#     COPY --from=build /out/app /usr/local/bin/app
package golintdocker.rules.copy_from_own_stage

import data.golintdocker.lib.files
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

deny contains finding if {
	some [_, _, s, i] in files.all_copies
	own_or_later(s, i.copy.from_stage)
	finding := cycle_finding(s, i, "COPY --from=", i.copy.from, i.copy.from_stage)
}

deny contains finding if {
	some [_, _, s, i] in instructions.by_cmd.run
	some m in i.run.mounts
	own_or_later(s, m.from_stage)
	finding := cycle_finding(s, i, "RUN --mount from=", m.from, m.from_stage)
}

# The cheap test that keeps cycle_finding to the few references that can
# make a cycle: a stage can only be built on itself or a later stage.
own_or_later(s, target) if {
	target != null
	target >= s.index
}

cycle_finding(s, i, what, from, target) := {
	"msg": sprintf("%s%s on line %d names %s, the stage it is in: BuildKit stops with \"circular dependency detected\"", [what, from, i.line, stages.label(s)]),
	"line": i.line,
	"end_line": i.end_line,
} if {
	target == s.index
} else := {
	"msg": sprintf("%s%s on line %d names %s, which is built on %s, the stage it is in: BuildKit stops with \"circular dependency detected\"", [what, from, i.line, stages.label(input.stages[target]), stages.label(s)]),
	"line": i.line,
	"end_line": i.end_line,
} if {
	target != null
	target > s.index
	s.index in stages.chain_positions(input.stages[target])
}
