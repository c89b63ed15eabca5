# Build helpers (golint-docker): which go commands produce a binary that
# ships, build tools installed and run inside a builder, the Go settings a
# RUN sees, and the automatic platform build arguments. The metadata of the
# package is in lib.rego.
package golintdocker.lib

# The automatic platform ARGs of BuildKit: set for FROM lines, but empty
# inside a stage unless the stage declares them with ARG.
platform_args := {
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
}

# A go build/install whose binary is meant to ship: not a compile check of
# ./... (go build discards the result without -o), not a debug build
# (-gcflags with -N), not a tool installed to be run during the build.
ships_binary(s, i, g) if {
	builds_binary(g)
	not no_binary(g)
	not debug_build(g)
	not build_tool(s, i, g)
}

no_binary(g) if {
	g.subcommand == "build"
	g.output == null
	some p in g.packages
	contains(p, "...")
}

debug_build(g) if {
	some f in g.flags
	f.name == "gcflags"
	contains(f.value, "-N")
}

debug_build(g) if regex.match(`-gcflags=\S*-N`, object.get(object.get(g, "env", {}), "GOFLAGS", ""))

# `go install example.com/tool@v1.2.3` whose binary the stage then runs
# (directly or through go generate): a build tool, not part of the image.
build_tool(s, i, g) if {
	g.subcommand == "install"
	count(g.packages) > 0
	every p in g.packages {
		contains(p, "@")
	}
	runs_tool_from(s, i.index, {tool_name(p) | some p in g.packages})
}

# Some instruction of s at or after index idx runs one of the commands
# names, or go generate.
runs_tool_from(s, idx, names) if {
	some name in names
	last_command_index(s)[name] >= idx
}

runs_tool_from(s, idx, _) if {
	last := last_generate_index(s)
	last != null
	last >= idx
}

# The index of the last instruction of s that runs each command name
# (sorted, so the last entry of each name has its highest index).
last_command_index(s) := {e[0]: e[1] |
	runs := sort([[c.name, j.index] |
		some j in s.instructions
		some c in j.run.commands
	])
	some k, e in runs
	not runs[k + 1][0] == e[0]
}

# The index of the last instruction of s that runs go generate, or null.
last_generate_index(s) := max(idxs) if {
	idxs := [j.index |
		some j in s.instructions
		some h in j.run.go
		h.subcommand == "generate"
	]
	count(idxs) > 0
} else := null

# The binary name of a package path: github.com/x/y/cmd/tool@v1 -> tool,
# github.com/x/tool/v2@latest -> tool.
tool_name(p) := name if {
	elems := split(split(p, "@")[0], "/")
	n := count(elems)
	n > 1
	regex.match(`^v[0-9]+$`, elems[n - 1])
	name := elems[n - 2]
} else := name if {
	elems := split(split(p, "@")[0], "/")
	name := elems[count(elems) - 1]
}

# A go build/install that reads modules from vendor/ (-mod=vendor, as a
# flag or in GOFLAGS): it downloads nothing.
vendored_build(g) if {
	builds_binary(g)
	some f in g.flags
	f.name == "mod"
	f.value == "vendor"
}

vendored_build(g) if {
	builds_binary(g)
	contains(object.get(object.get(g, "env", {}), "GOFLAGS", ""), "-mod=vendor")
}

# go build or go install of the local module (not only remote pkg@version).
builds_local(g) if {
	builds_binary(g)
	not remote_only(g)
}

remote_only(g) if {
	count(g.packages) > 0
	every p in g.packages {
		contains(p, "@")
	}
}

# The value of a Go setting (GOMODCACHE, GOCACHE, GOFLAGS...) seen by the go
# commands of a RUN, else by the instruction.
go_setting(i, name) := vals[0] if {
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

# A path without its trailing slash (but "/" stays "/").
clean_path(p) := "/" if {
	p != ""
	trim_right(p, "/") == ""
} else := trim_right(p, "/")

# The FROM that names the image a stage rests on.
root_stage(s) := input.stages[s.root]
