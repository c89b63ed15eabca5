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
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

# Cheap inline tests find the instructions that may refer to a platform ARG
# (a RUN command's variables; an ENV/ARG/LABEL value or a COPY/ADD/WORKDIR
# line with TARGET or BUILD in it, as every platform ARG's name starts so);
# only those are looked at closely.
deny contains finding if {
	some [_, _, s, i] in instructions.by_cmd.run
	some c in i.run.commands
	some v in c.vars
	v in stages.platform_args
	s.built
	finding := undeclared(s, i)
}

deny contains finding if {
	some cmd in ["env", "arg", "label"]
	some [_, _, s, i] in instructions.by_cmd[cmd]
	some p in i.pairs
	is_string(p.raw)
	regex.match(`TARGET|BUILD`, p.raw)
	s.built
	finding := undeclared(s, i)
}

deny contains finding if {
	some cmd in ["copy", "add", "workdir"]
	some [_, _, s, i] in instructions.by_cmd[cmd]
	regex.match(`TARGET|BUILD`, i.original)
	s.built
	finding := undeclared(s, i)
}

undeclared(s, i) := finding if {
	used := referenced(i.cmd, i)
	names := sort([v |
		some v in used
		not v in object.keys(object.get(i, "env", {}))
		not assigned(i, v)
	])
	count(names) > 0
	refs := concat(", ", [sprintf("$%s", [v]) | some v in names])
	finding := {
		"msg": sprintf("%s on line %d uses %s, but %s never declares `ARG %s`: inside a stage it expands to an empty string", [upper(i.cmd), i.line, refs, stages.label(s), concat(" ", names)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": sprintf("Add `ARG %s` to %s before line %d.", [concat(" ", names), stages.label(s), i.line]),
		"edits": [findings.insert_at({"line": i.line, "column": 1}, sprintf("ARG %s\n", [concat(" ", names)]))],
	}
}

# The platform ARGs instruction i refers to, found per kind of
# instruction (cmd, a separate argument so that rule indexing picks the
# clause) in one pass over its variables rather than one test per ARG.
referenced("run", i) := {v |
	some c in i.run.commands
	some v in c.vars
	v in stages.platform_args
}

referenced("env", i) := pair_refs(i)

referenced("arg", i) := pair_refs(i)

referenced("label", i) := pair_refs(i)

referenced("copy", i) := text_refs([i.original])

referenced("add", i) := text_refs([i.original])

referenced("workdir", i) := text_refs([i.original])

pair_refs(i) := text_refs([p.raw | some p in i.pairs; is_string(p.raw)])

# The platform ARGs texts expand ($NAME, ${NAME...}): the names mentions
# accepts.
text_refs(texts) := {v |
	some text in texts
	contains(text, "$")
	some m in regex.find_all_string_submatch_n(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`, text, -1)
	v := m[1]
	v in stages.platform_args
}

# The RUN sets it itself: NAME=..., export NAME=..., for NAME in ...
assigned(i, v) if {
	some c in i.run.commands
	v in object.keys(object.get(c, "env", {}))
}

assigned(i, v) if {
	some c in i.run.commands
	c.name in {"export", "local", "readonly", "declare"}
	some a in c.argv
	startswith(a, concat("", [v, "="]))
}

assigned(i, v) if regex.match(sprintf(`\bfor\s+%s\s+in\b`, [v]), object.get(i.run, "script", ""))
