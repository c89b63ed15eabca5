package golintdocker.tests.undeclared_platform_arg

import data.golintdocker.rules.undeclared_platform_arg

doc(instructions) := {"final_stage": 0, "stages": [{
	"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
	"instructions": instructions,
}]}

run(env, commands) := {
	"index": 1, "cmd": "run", "line": 7, "end_line": 8, "env": env,
	"run": {"script": "", "commands": commands},
}

go_cmd := {"name": "go", "argv": ["go", "build"], "env": {"GOARCH": "$TARGETARCH", "GOOS": "$TARGETOS"}, "vars": ["TARGETARCH", "TARGETOS"]}

test_undeclared_in_run_fires_with_edit if {
	some f in undeclared_platform_arg.deny with input as doc([run({"TARGETOS": null}, [go_cmd])])
	f.line == 7
	f.end_line == 8
	contains(f.msg, "$TARGETARCH")
	not contains(f.msg, "$TARGETOS")
	f.edits == [{"line": 7, "column": 1, "end_line": 7, "end_column": 1, "text": "ARG TARGETARCH\n"}]
}

test_two_names_in_one_arg_line if {
	some f in undeclared_platform_arg.deny with input as doc([run({}, [go_cmd])])
	f.edits[0].text == "ARG TARGETARCH TARGETOS\n"
}

test_env_pair_fires if {
	env := {"index": 0, "cmd": "env", "line": 3, "end_line": 3, "env": {}, "pairs": [{"key": "GOARCH", "value": "", "raw": "${TARGETARCH:-amd64}"}]}
	some f in undeclared_platform_arg.deny with input as doc([env])
	f.line == 3
	contains(f.msg, "ENV on line 3")
}

test_declared_is_quiet if {
	count(undeclared_platform_arg.deny) == 0 with input as doc([run({"TARGETOS": null, "TARGETARCH": null}, [go_cmd])])
}

test_assigned_in_run_is_quiet if {
	export := {"name": "export", "argv": ["export"], "env": {"TARGETARCH": "arm64", "TARGETOS": "linux"}, "vars": []}
	count(undeclared_platform_arg.deny) == 0 with input as doc([run({}, [export, go_cmd])])
}

# BuildKit carries a stage's ARGs into stages built FROM it; the document
# shows them in the child's env.
test_declared_in_parent_stage_is_quiet if {
	d := {"final_stage": 1, "stages": [
		{
			"index": 0, "name": "base", "root": 0, "used_by_final": true, "built": true,
			"instructions": [{"index": 0, "cmd": "arg", "line": 2, "env": {}, "pairs": [{"key": "TARGETOS", "value": null, "raw": null}, {"key": "TARGETARCH", "value": null, "raw": null}]}],
		},
		{
			"index": 1, "name": "build", "root": 0, "used_by_final": true, "built": true,
			"instructions": [run({"TARGETOS": null, "TARGETARCH": null}, [go_cmd])],
		},
	]}
	count(undeclared_platform_arg.deny) == 0 with input as d
}

test_similar_name_is_quiet if {
	env := {"index": 0, "cmd": "env", "line": 3, "end_line": 3, "env": {}, "pairs": [{"key": "A", "value": "", "raw": "$TARGETARCHIVE"}]}
	count(undeclared_platform_arg.deny) == 0 with input as doc([env])
}
