# Build helpers (golint-docker): the Go settings a RUN sees, vendored and
# local builds, and the automatic platform build arguments (which builds
# ship where is in the document: go[].build). The metadata of the package
# is in lib.rego.
package golintdocker.lib

# The automatic platform ARGs of BuildKit: set for FROM lines, but empty
# inside a stage unless the stage declares them with ARG.
platform_args := {
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
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
