# METADATA
# title: go.mod asks for a newer Go than the golang image has
# description: |
#   go.mod's `go` line is the oldest Go that may build the module, and its
#   `toolchain` line the one to use. On an older golang image the build
#   breaks or changes behind your back: the official images set
#   GOTOOLCHAIN=local (Go 1.21 and later), so go stops with "go.mod
#   requires go >= 1.24 (running go 1.23; GOTOOLCHAIN=local)"; with
#   GOTOOLCHAIN=auto go downloads that toolchain during the build, so the
#   image's Go is not what compiles; before Go 1.21 the old compiler builds
#   anyway and fails on newer language features. Needs the build context
#   (go.mod), and says nothing without it.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-mod-newer-go
#   - ref: https://go.dev/doc/toolchain
# custom:
#   id: GD039
#   severity: warning
#   fix_safety: unsafe
#   since: 0.2.0
#   fix: Build on a golang image at least as new as go.mod asks for (golang:1.24-alpine for `go 1.24.2`).
#   bad: |
#     # go.mod: go 1.24.2
#     FROM golang:1.23-alpine AS build
#   good: |
#     # go.mod: go 1.24.2
#     FROM golang:1.24-alpine AS build
package golintdocker.rules.go_mod_newer_go

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.stages

deny contains finding if {
	mod := input.context.go_mod
	mod.error == ""
	some s in input.stages
	s.go_version != ""
	s.go_version != "latest"
	gs := [g | some [st, i] in gobuilds.runs; st.index == s.index; some g in i.run.go; reads_module(g)]
	count(gs) > 0
	g := gs[0]
	mode := toolchain_mode(g, s)
	want := wanted(mod, mode)
	newer(want, s.go_version)
	finding := object.union(
		{
			"msg": sprintf("go.mod asks for Go %s, and %s builds on %s (Go %s; `go %s` on line %d): %s", [want, stages.label(s), stages.base_name(s), s.go_version, g.subcommand, g.line, effect[mode]]),
			"line": s.line,
			"end_line": s.from_end_line,
			"severity": severity[mode],
		},
		fix(s, want),
	)
}

# The go commands that read go.mod: builds, downloads, tests, run inside a
# module the context provides.
reads_module(g) if {
	g.subcommand in {"build", "install", "mod download", "test", "vet", "run", "generate", "list", "mod tidy", "mod verify"}
	not g.outside_module
	not g.build.remote
}

# How the go command picks its toolchain: GOTOOLCHAIN as the RUN sees it,
# else the golang image's default (local since Go 1.21). Other settings
# (path, a fixed go1.x.y) are left alone.
toolchain_mode(g, s) := "local" if {
	g.env.GOTOOLCHAIN == "local"
} else := "auto" if {
	contains(g.env.GOTOOLCHAIN, "auto")
} else := "local" if {
	not "GOTOOLCHAIN" in object.keys(g.env)
	not older_than(s.go_version, "1.21")
} else := "old" if {
	not "GOTOOLCHAIN" in object.keys(g.env)
	older_than(s.go_version, "1.21")
}

# The Go the build needs: the toolchain line when go may switch to it.
wanted(mod, mode) := trim_prefix(mod.toolchain, "go") if {
	mode == "auto"
	mod.toolchain != ""
	newer(trim_prefix(mod.toolchain, "go"), mod.go)
} else := mod.go

effect := {
	"local": "the official image sets GOTOOLCHAIN=local, so go stops with \"go.mod requires go >= ...\" and nothing is built",
	"auto": "with GOTOOLCHAIN=auto go downloads that toolchain during the build, and the image's Go does not compile the module",
	"old": "Go before 1.21 builds anyway and fails on newer language features and library calls",
}

severity := {"local": "error", "auto": "warning", "old": "warning"}

# Versions as numbers: "1.24.2" -> [1, 24, 2]; "1.24" -> [1, 24];
# "1.25rc1" -> [1, 25, -1].
parts(v) := [to_number(m[1]), to_number(m[2])] if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)\.([0-9]+)$`, v, 1)[0]
} else := [to_number(m[1]), to_number(m[2]), to_number(m[3])] if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)\.([0-9]+)\.([0-9]+)`, v, 1)[0]
} else := [to_number(m[1]), to_number(m[2]), -1] if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)\.([0-9]+)(rc|beta)`, v, 1)[0]
}

# want is newer than the image's release: an image tag without a patch
# (1.24) has the newest patch of its release.
newer(want, image) if {
	w := parts(want)
	i := parts(image)
	count(i) == 2
	array.slice(w, 0, 2) > i
}

newer(want, image) if {
	w := parts(want)
	i := parts(image)
	count(i) == 3
	w > i
}

older_than(v, than) if parts(v) < parts(than)

# The edit: the golang tag's release becomes go.mod's (major.minor).
fix(s, want) := {
	"fix": sprintf("Build on Go %s or later: `%s`.", [minor, line]),
	"edits": [findings.replace_lines({"line": s.line, "end_line": s.from_end_line}, line)],
} if {
	minor := concat(".", [sprintf("%d", [n]) | some n in array.slice(parts(want), 0, 2)])
	s.line == s.from_end_line
	startswith(s.from.tag, s.go_version)
	s.from.digest == ""
	contains(s.original, concat("", [":", s.from.tag]))
	line := replace(s.original, concat("", [":", s.from.tag]), concat("", [":", minor, substring(s.from.tag, count(s.go_version), -1)]))
} else := {}
