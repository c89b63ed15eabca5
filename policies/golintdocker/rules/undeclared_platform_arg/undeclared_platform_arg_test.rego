package golintdocker.tests.undeclared_platform_arg

import data.golintdocker.rules.undeclared_platform_arg

# Which ARGs an instruction uses without declaring them is worked out in Go
# (pkg/document, TestUndeclaredPlatformArgs): these documents carry that
# fact as golint-docker computes it.
doc(instructions, undeclared) := {"final_stage": 0, "stages": [{
	"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
	"instructions": instructions,
	"undeclared_platform_args": undeclared,
}]}

run(env, commands) := {
	"index": 1, "cmd": "run", "line": 7, "end_line": 8, "env": env,
	"run": {"script": "", "commands": commands},
}

go_cmd := {"name": "go", "argv": ["go", "build"], "env": {"GOARCH": "$TARGETARCH", "GOOS": "$TARGETOS"}, "vars": ["TARGETARCH", "TARGETOS"]}

arg_line := {"index": 0, "cmd": "arg", "line": 2, "end_line": 2, "env": {}, "pairs": [{"key": "TARGETOS", "value": null, "raw": null}]}

test_undeclared_in_run_fires_with_edit if {
	d := doc([arg_line, run({"TARGETOS": null}, [go_cmd])], [{"instruction": 1, "names": ["TARGETARCH"]}])
	some f in undeclared_platform_arg.deny with input as d
	f.line == 7
	f.end_line == 8
	f.msg == "RUN on line 7 uses $TARGETARCH, but stage \"build\" never declares `ARG TARGETARCH`: inside a stage it expands to an empty string"
	f.fix == "Add `ARG TARGETARCH` to stage \"build\" before line 7."
	f.edits == [{"line": 7, "column": 1, "end_line": 7, "end_column": 1, "text": "ARG TARGETARCH\n"}]
}

test_two_names_in_one_arg_line if {
	d := doc([arg_line, run({}, [go_cmd])], [{"instruction": 1, "names": ["TARGETARCH", "TARGETOS"]}])
	some f in undeclared_platform_arg.deny with input as d
	contains(f.msg, "uses $TARGETARCH, $TARGETOS,")
	f.edits[0].text == "ARG TARGETARCH TARGETOS\n"
}

test_env_pair_fires if {
	env := {"index": 0, "cmd": "env", "line": 3, "end_line": 3, "env": {}, "pairs": [{"key": "GOARCH", "value": "", "raw": "${TARGETARCH:-amd64}"}]}
	some f in undeclared_platform_arg.deny with input as doc([env], [{"instruction": 0, "names": ["TARGETARCH"]}])
	f.line == 3
	contains(f.msg, "ENV on line 3")
}

test_declared_is_quiet if {
	count(undeclared_platform_arg.deny) == 0 with input as doc([run({"TARGETOS": null, "TARGETARCH": null}, [go_cmd])], [])
}

# A stage that is not built (a test stage after the release image) is not
# checked.
test_stage_not_built_is_quiet if {
	d := {"final_stage": 1, "stages": [
		{
			"index": 0, "name": "test", "root": 0, "used_by_final": false, "built": false,
			"instructions": [run({}, [go_cmd])],
			"undeclared_platform_args": [{"instruction": 0, "names": ["TARGETARCH", "TARGETOS"]}],
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"instructions": [], "undeclared_platform_args": [],
		},
	]}
	count(undeclared_platform_arg.deny) == 0 with input as d
}
