package golintdocker.tests.trimpath

import data.golintdocker.rules.trimpath

# A builder (stage 0) whose go commands gs ship to the runtime image
# (stage 1), or not.
doc(gs) := {
	"final_stage": 1,
	"runtime_stages": [1],
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "built": true, "role": "builder",
			"instructions": [{"index": 0, "cmd": "run", "line": 5, "run": {"commands": [], "go": gs}}],
		},
		{"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "debug": false, "instructions": []},
	],
}

# What golint-docker works out about a build: its kind, whether it ships.
facts(kind, ships) := {"kind": kind, "ships": ships, "shipped_to": [1 | ships]}

build(trimpath, exact) := {
	"subcommand": "build", "trimpath": trimpath, "packages": ["./cmd/api"], "output": "/out/api",
	"flags": [], "env": {}, "unknown": [], "build": facts("binary", true),
	"flags_pos": {"line": 5, "column": 13, "end_line": 5, "end_column": 13, "exact": exact},
	"line": 5, "column": 5, "end_line": 5, "end_column": 40, "exact": exact,
}

install(pkg) := object.union(build(false, true), {"subcommand": "install", "packages": [pkg], "output": null})

test_build_without_trimpath_fires_with_edit if {
	some f in trimpath.deny with input as doc([build(false, true)])
	f.line == 5
	contains(f.msg, "`go build` on line 5")
	f.edits == [{"line": 5, "column": 13, "end_line": 5, "end_column": 13, "text": " -trimpath"}]
}

test_exec_form_fires_without_edit if {
	some f in trimpath.deny with input as doc([build(false, false)])
	f.edits == []
}

test_shipped_tool_install_fires if {
	some f in trimpath.deny with input as doc([install("github.com/grpc-ecosystem/grpc-health-probe@v0.4.40")])
	contains(f.msg, "`go install`")
}

test_trimpath_is_quiet if {
	count(trimpath.deny) == 0 with input as doc([build(true, true)])
}

# A tool installed to run during the build, go build ./..., go install std:
# nothing of it ships.
test_build_that_does_not_ship_is_quiet if {
	g := object.union(install("github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0"), {"build": facts("binary", false)})
	count(trimpath.deny) == 0 with input as doc([g])
}

test_check_build_is_quiet if {
	g := object.union(build(false, true), {"packages": ["./..."], "output": null, "build": facts("check", false)})
	count(trimpath.deny) == 0 with input as doc([g])
}

# -trimpath in a GOFLAGS that cannot be known (ARG without a default).
test_unknown_goflags_is_quiet if {
	g := object.union(build(false, true), {"unknown": ["ldflags", "tags", "trimpath"]})
	count(trimpath.deny) == 0 with input as doc([g])
}
