# METADATA
# title: A platform build argument is used in a stage that does not declare it
# description: |
#   BuildKit sets TARGETOS, TARGETARCH, BUILDPLATFORM and the other platform
#   arguments for FROM lines only. Inside a stage they are empty until the
#   stage declares them with `ARG TARGETARCH`, so `GOARCH=$TARGETARCH` or
#   `ENV GOOS=$TARGETOS` silently expands to an empty string and the build
#   falls back to the build machine's platform.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#undeclared-platform-arg
# custom:
#   id: GD010
#   severity: warning
#   fix_safety: unsafe
#   guide: "3"
#   since: 0.1.0
#   fix: Declare the argument in the stage (`ARG TARGETOS TARGETARCH`) before the instruction that uses it.
#   bad: |
#     FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
#     RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
#   good: |
#     FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
#     ARG TARGETOS TARGETARCH
#     RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
package golintdocker.rules.undeclared_platform_arg

import data.golintdocker.lib.findings
import data.golintdocker.lib.stages

# The document lists, per stage, the instructions that refer to platform
# ARGs the stage does not declare (stage.undeclared_platform_args).
deny contains finding if {
	some s in input.stages
	s.built
	some u in s.undeclared_platform_args
	i := s.instructions[u.instruction]
	names := u.names
	refs := concat(", ", [sprintf("$%s", [v]) | some v in names])
	finding := {
		"msg": sprintf("%s on line %d uses %s, but %s never declares `ARG %s`: inside a stage it expands to an empty string", [upper(i.cmd), i.line, refs, stages.label(s), concat(" ", names)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": sprintf("Add `ARG %s` to %s before line %d.", [concat(" ", names), stages.label(s), i.line]),
		"edits": [findings.insert_at({"line": i.line, "column": 1}, sprintf("ARG %s\n", [concat(" ", names)]))],
	}
}
