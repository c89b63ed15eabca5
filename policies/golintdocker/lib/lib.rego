# METADATA
# title: golint-docker rule helpers
# description: |
#   Small shared helpers over the input document: stage chains, facts about
#   base images (from data.golintdocker.images), the go commands that build
#   what ships, and edit builders for fixes.
# schemas:
#   - input: schema.input
# scope: package
package golintdocker.lib

# The stage the image is built from (the last one, or --target).
final := input.stages[input.final_stage]

# Stages that get built (for the final stage or a runtime image): their
# output ends up in an image, directly or through COPY --from.
shipping_stages contains s if {
	some s in input.stages
	s.built
}

# A stage and the stages it is built on, nearest first: everything in its
# filesystem.
chain(s) := [input.stages[k] | some k in chain_positions(s)]

# The positions of those stages. A stage builds only on an earlier one, so
# the highest comes first. The document names only each stage's own parent
# (from.stage): the whole chain of every stage would grow with the square of
# the number of stages.
chain_positions(s) := [s.index] if {
	object.get(object.get(s, "from", {}), "stage", null) == null
} else := array.reverse(sort(graph.reachable(parent_graph, {s.index}) | {s.index}))

# Each stage's parent, for graph.reachable: {position: [parent position]}.
parent_graph := {s.index: parent |
	some s in input.stages
	parent := [p | p := object.get(object.get(s, "from", {}), "stage", null); p != null]
}

# The base image at the bottom of a stage's chain.
base(s) := input.stages[s.root].from

# Facts about the image a stage rests on (golint-docker works them out from
# data.golintdocker.images when it builds the document); {} when the image
# is unknown.
facts(s) := s.image if {
	s.image != null
} else := {}

# Known true / known false: unknown images never trigger a rule.
has_fact(s, name) if facts(s)[name] == true

lacks_fact(s, name) if facts(s)[name] == false

# Display name of a stage's base: "golang:1.26-alpine", "scratch".
base_name(s) := "scratch" if {
	base(s).scratch
} else := base(s).image

# How to refer to a stage in a message.
stage_label(s) := sprintf("stage %q", [s.name]) if {
	s.name != ""
} else := sprintf("stage %d", [s.index])

# The runtime images the runtime-image rules check: the final stage when it
# is one, else the runtime stages the last stage would hide (see
# runtime_stages in the input schema).
runtime_images := [input.stages[k] | some k in input.runtime_stages]

# A runtime image that is a Linux image (not Windows, not a WebAssembly
# module): Linux advice applies.
linux_runtime_images := [s | some s in runtime_images; not s.os in {"windows", "wasm"}]

# How a finding names a runtime image: the final image, or a stage the last
# stage hides (with what the last stage is).
image_label(s) := sprintf("the final image (%s)", [base_name(s)]) if {
	s.final
} else := sprintf("the image of %s (%s; the last stage, %s, is a %s stage and does not build it)", [stage_label(s), base_name(s), stage_label(final), final.role]) if {
	not s.index in final_chain_positions
} else := sprintf("the image of %s (%s)", [stage_label(s), base_name(s)])

# The runtime image holds a Go binary built in this Dockerfile.
ships_go(s) if count(s.binaries) > 0

# The go command a binary of a runtime image was built by: [stage,
# instruction, go command].
binary_build(bin) := [st, i, g] if {
	st := input.stages[bin.stage]
	i := st.instructions[bin.instruction]
	g := i.run.go[bin.go]
}

# go commands that produce a binary.
builds_binary(g) if g.subcommand in {"build", "install"}

# A package manager installs pkg somewhere in the chain of stage s. For a
# plain package name only the words that start with it can match.
installs(s, pkg) if {
	plain_package_name(pkg)
	some k in chain_positions(s)
	some arg in installer_args[k]
	startswith(arg, pkg)
	package_matches(arg, pkg)
}

installs(s, pkg) if {
	not plain_package_name(pkg)
	some k in chain_positions(s)
	some arg in installer_args[k]
	package_matches(arg, pkg)
}

# The words of the package-manager install commands of each stage (its own
# instructions), computed once per stage and query.
installer_args[k] := args if {
	some k, st in input.stages
	args := [arg |
		some i in st.instructions
		some c in i.run.commands
		c.name in installer_names
		installer(c)
		some arg in c.argv
	]
}

installer_names := {"apk", "apt-get", "apt", "yum", "dnf", "microdnf", "zypper"}

installer(c) if {
	c.name == "apk"
	"add" in c.argv
}

installer(c) if {
	c.name in {"apt-get", "apt", "yum", "dnf", "microdnf", "zypper"}
	"install" in c.argv
}

package_matches(arg, pkg) if arg == pkg

# apt-get install tzdata=2024a-0+deb12u1, apk add tzdata~=2024
package_matches(arg, pkg) if regex.match(sprintf(`^%s([=~<>].*)?$`, [pkg]), arg)

# A package name without regular expression syntax: the pattern above then
# matches only words that start with it.
plain_package_name(pkg) if regex.match(`^[A-Za-z0-9_-]+$`, pkg)

# Some COPY/ADD in the chain of stage s writes at or under dir (or copies a
# whole tree onto /, which may include it).
copies_into(s, dir) if {
	some st in chain(s)
	some i in st.instructions
	p := i.copy.dest_path
	path_within(p, dir)
}

copies_into(s, _) if {
	some st in chain(s)
	some i in st.instructions
	i.copy.dest_path == "/"
	i.copy.from_stage != null
}

# p is dir or something under it, or a parent of it (copying /etc/ssl covers
# /etc/ssl/certs).
path_within(p, dir) if p == dir

path_within(p, dir) if startswith(p, concat("", [dir, "/"]))

path_within(p, dir) if startswith(dir, concat("", [p, "/"]))

# The value of a variable in an instruction's environment, if set.
env_value(i, name) := v if {
	v := i.env[name]
	v != null
}

# Edits. Columns are 1-based bytes; column 0 and end_column 0 mean the whole
# line(s).
insert_at(pos, text) := {
	"line": pos.line, "column": pos.column,
	"end_line": pos.line, "end_column": pos.column,
	"text": text,
}

replace_span(span, text) := {
	"line": span.line, "column": span.column,
	"end_line": span.end_line, "end_column": span.end_column,
	"text": text,
}

replace_lines(i, text) := {
	"line": i.line, "column": 0,
	"end_line": i.end_line, "end_column": 0,
	"text": text,
}

# Per-query documents the rules share. OPA evaluates a rule without arguments
# once per query and keeps its value, while a function is evaluated again
# whenever its result is undefined (and is otherwise looked up by its
# arguments): the hot paths of the rules read these instead of calling the
# helpers above for every stage, instruction or command.

# The facts of the final stage's image.
final_facts := facts(final)

# The final stage and the stages it is built on.
final_chain := chain(final)

final_chain_positions := {k | some k in chain_positions(final)}

# The stages that get built, in stage order.
shipping := [s | some s in input.stages; s.built]

# The instructions of the kinds the rules look up, by kind: by_cmd[cmd] is
# the list of [stage position, instruction position, stage, instruction] of
# the instructions cmd, in document order. The inner comprehension unifies
# i.cmd with cmd, so OPA's comprehension indexing evaluates it once, in one
# pass over the instructions, and hands out each kind's list from that
# (a rule with a ref head such as by_cmd[i.cmd] contains ... would check
# every new entry against all earlier ones: quadratic on big files).
indexed_cmds := ["run", "copy", "add", "env", "arg", "label", "workdir", "expose"]

by_cmd := {cmd: list |
	some cmd in indexed_cmds
	list := [[k, j, s, i] |
		some k, s in input.stages
		some j, i in s.instructions
		i.cmd = cmd
	]
}

all_copies := array.concat(by_cmd.copy, by_cmd.add)

# The RUN instructions with go commands: [stage, instruction].
go_runs := [[s, i] | some [_, _, s, i] in by_cmd.run; count(i.run.go) > 0]

# Those of the stages that get built.
shipping_go_runs := [[s, i] | some [s, i] in go_runs; s.built]

# The go builds whose binary reaches a runtime image, of the kind that
# ships (not a check, cache warming or a debug build), with every runtime
# image they reach: [stage, instruction, go command, runtime images].
shipped_builds := [[s, i, g, images] |
	some [s, i] in go_runs
	some g in i.run.go
	g.build.ships
	g.build.kind == "binary"
	images := [input.stages[k] | some k in g.build.shipped_to]
]

# Every COPY and ADD: [stage, instruction].
copies := [[s, i] | some [_, _, s, i] in all_copies]

# Every RUN --mount with from=: [stage, instruction, mount].
from_mounts := [[s, i, m] |
	some [_, _, s, i] in by_cmd.run
	some m in i.run.mounts
	m.from != ""
]
