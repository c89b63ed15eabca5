# METADATA
# title: Go builds
# description: |
#   The go commands of RUN instructions (input.stages[_].instructions[_].run.go):
#   which build binaries, which ship to a runtime image, where they write,
#   and the Go settings they see. Which builds ship where is worked out by
#   golint-docker (go[].build); these helpers only select.
# schemas:
#   - input: schema.input
package golintdocker.lib.gobuilds

import data.golintdocker.lib.instructions
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

# The RUN instructions with go commands: [stage, instruction].
runs := [[s, i] | some [_, _, s, i] in instructions.by_cmd.run; count(i.run.go) > 0]

# Those of the stages that get built.
shipping_runs := [[s, i] | some [s, i] in runs; s.built]

# The go builds whose binary reaches a runtime image, of the kind that
# ships (not a check, cache warming or a debug build), with every runtime
# image they reach: [stage, instruction, go command, runtime images].
shipped := [[s, i, g, images] |
	some [s, i] in runs
	some g in i.run.go
	g.build.ships
	g.build.kind == "binary"
	images := [input.stages[k] | some k in g.build.shipped_to]
]

# The go command a binary of a runtime image (an entry of its binaries) was
# built by: [stage, instruction, go command].
build_of(bin) := [st, i, g] if {
	st := input.stages[bin.stage]
	i := st.instructions[bin.instruction]
	g := i.run.go[bin.go]
}

# go command g produces a binary (go build, go install).
binary(g) if g.subcommand in {"build", "install"}

# go command g builds the local module (not only remote pkg@version).
local(g) if {
	binary(g)
	not remote_only(g)
}

# go command g builds only remote packages (pkg@version).
remote_only(g) if {
	count(g.packages) > 0
	every p in g.packages {
		contains(p, "@")
	}
}

# go command g reads modules from vendor/ (-mod=vendor, as a flag or in
# GOFLAGS): it downloads nothing.
vendored(g) if {
	binary(g)
	some f in g.flags
	f.name == "mod"
	f.value == "vendor"
}

vendored(g) if {
	binary(g)
	contains(object.get(object.get(g, "env", {}), "GOFLAGS", ""), "-mod=vendor")
}

# go command g asks for the module cache over vendor/ (-mod=mod or
# -mod=readonly, as a flag or in GOFLAGS).
module_mode(g) if {
	some f in g.flags
	f.name == "mod"
	f.value in {"mod", "readonly"}
}

module_mode(g) if regex.match(`-mod=(mod|readonly)\b`, object.get(object.get(g, "env", {}), "GOFLAGS", ""))

# go command g, a build or `go mod download` of the local module, has no
# module to fetch into the module cache, as the build context shows:
# go.mod requires no module outside the repository; or, for a build,
# vendor/modules.txt is there (Go 1.14+) and g does not ask for module
# mode. The module g runs in is taken to be the context's, as
# go-mod-download-order takes it; a command where no go.mod can be
# (outside_module) is not. RUN i must see the context's go.mod
# (run.context_go_mod).
downloads_nothing(i, g) if {
	context_go_mod.remote_requires == false
	local_module_command(g)
	i.run.context_go_mod
}

downloads_nothing(i, g) if {
	input.context.vendored == true
	local(g)
	not object.get(g, "outside_module", false)
	not module_mode(g)
	i.run.context_go_mod
}

# go command g works on the local module, as far as the Dockerfile shows: a
# build of it, or `go mod download` of its requirements (no module named).
local_module_command(g) if {
	local(g)
	not object.get(g, "outside_module", false)
}

local_module_command(g) if {
	g.subcommand == "mod download"
	count(g.packages) == 0
	not object.get(g, "outside_module", false)
}

# go.mod at the build context's root, when it is known and parsed.
context_go_mod := m if {
	m := input.context.go_mod
	m != null
	m.error == ""
}

# The value of a Go setting (GOMODCACHE, GOCACHE, GOFLAGS...) seen by the go
# commands of RUN i, else by the instruction.
setting(i, name) := vals[0] if {
	vals := [v |
		some g in i.run.go
		v := object.get(object.get(g, "env", {}), name, null)
		is_string(v)
	]
	count(vals) > 0
} else := v if {
	v := object.get(object.get(i, "env", {}), name, null)
	is_string(v)
}

# The absolute paths the go builds of the chain of stage s write their
# binaries to (without a trailing slash).
outputs(s) := {p |
	some st in stages.chain(s)
	some i in st.instructions
	some g in i.run.go
	binary(g)
	g.output != null
	p := trim_right(paths.absolute_in(g.output, i.workdir), "/")
}
