package golintdocker.tests.trimpath

import data.golintdocker.rules.trimpath

doc(used, gs, later) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "used_by_final": used,
			"instructions": array.concat(
				[{"index": 0, "cmd": "run", "line": 5, "run": {"commands": [], "go": gs}}],
				later,
			),
		},
		{"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true, "instructions": []},
	],
}

build(trimpath, exact) := {
	"subcommand": "build", "trimpath": trimpath, "packages": ["./cmd/api"], "output": "/out/api",
	"flags": [], "env": {},
	"flags_pos": {"line": 5, "column": 13, "end_line": 5, "end_column": 13, "exact": exact},
	"line": 5, "column": 5, "end_line": 5, "end_column": 40, "exact": exact,
}

install(pkg) := object.union(build(false, true), {"subcommand": "install", "packages": [pkg], "output": null})

test_build_without_trimpath_fires_with_edit if {
	some f in trimpath.deny with input as doc(true, [build(false, true)], [])
	f.line == 5
	contains(f.msg, "`go build` on line 5")
	f.edits == [{"line": 5, "column": 13, "end_line": 5, "end_column": 13, "text": " -trimpath"}]
}

test_exec_form_fires_without_edit if {
	some f in trimpath.deny with input as doc(true, [build(false, false)], [])
	f.edits == []
}

test_shipped_tool_install_fires if {
	some f in trimpath.deny with input as doc(true, [install("github.com/grpc-ecosystem/grpc-health-probe@v0.4.40")], [])
	contains(f.msg, "`go install`")
}

test_trimpath_is_quiet if {
	count(trimpath.deny) == 0 with input as doc(true, [build(true, true)], [])
}

test_unused_stage_is_quiet if {
	count(trimpath.deny) == 0 with input as doc(false, [build(false, true)], [])
}

test_tool_run_in_the_builder_is_quiet if {
	later := [{"index": 1, "cmd": "run", "line": 6, "run": {"go": [], "commands": [{"name": "sqlc", "argv": ["sqlc", "generate"]}]}}]
	count(trimpath.deny) == 0 with input as doc(true, [install("github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0")], later)
}

test_tool_with_major_version_path_is_quiet if {
	later := [{"index": 1, "cmd": "run", "line": 6, "run": {"go": [], "commands": [{"name": "buf", "argv": ["buf", "generate"]}]}}]
	count(trimpath.deny) == 0 with input as doc(true, [install("github.com/bufbuild/buf/cmd/buf/v2@latest")], later)
}
