package golintdocker.tests.copy_from_index

import data.golintdocker.rules.copy_from_index

doc(first_name, instr) := {
	"final_stage": 1,
	"stages": [
		{"index": 0, "name": first_name, "line": 3, "original": "FROM golang:1.27-alpine", "from": {"original": "golang:1.27-alpine"}, "instructions": []},
		{"index": 1, "name": "", "line": 10, "original": "FROM scratch", "from": {"original": "scratch"}, "instructions": [instr]},
	],
}

copy_from(from, stage) := {"cmd": "copy", "line": 12, "end_line": 12, "copy": {"from": from, "from_stage": stage}}

test_index_of_named_stage_fires_with_replacement if {
	some f in copy_from_index.deny with input as doc("builder", copy_from("0", 0))
	f.line == 12
	contains(f.msg, "COPY --from=0 refers to stage 0 (\"builder\", FROM golang:1.27-alpine, line 3)")
	f.fix == "Write `--from=builder` instead of `--from=0`."
	not "edits" in object.keys(f)
}

test_index_of_unnamed_stage_asks_for_a_name if {
	some f in copy_from_index.deny with input as doc("", copy_from("0", 0))
	contains(f.msg, "which has no name")
	f.fix == "Name the stage (`FROM golang:1.27-alpine AS build` on line 3) and write `--from=build`."
}

test_mount_index_fires if {
	r := {"cmd": "run", "line": 14, "end_line": 14, "run": {"mounts": [{"from": "0", "from_stage": 0}]}}
	some f in copy_from_index.deny with input as doc("builder", r)
	f.line == 14
	contains(f.fix, "`from=builder`")
}

test_name_is_quiet if {
	count(copy_from_index.deny) == 0 with input as doc("builder", copy_from("builder", 0))
}

test_unknown_index_is_left_to_copy_from_unknown_stage if {
	count(copy_from_index.deny) == 0 with input as doc("builder", copy_from("3", null))
}

test_several_unnamed_stages_get_distinct_names if {
	d := {
		"final_stage": 2,
		"stages": [
			{"index": 0, "name": "", "line": 1, "original": "FROM golang:1.27-alpine", "from": {"original": "golang:1.27-alpine"}, "instructions": []},
			{"index": 1, "name": "", "line": 5, "original": "FROM golang:1.27-alpine", "from": {"original": "golang:1.27-alpine"}, "instructions": [{"cmd": "run", "line": 7, "end_line": 7, "run": {"mounts": [{"from": "0", "from_stage": 0}]}}]},
			{"index": 2, "name": "", "line": 9, "original": "FROM scratch", "from": {"original": "scratch"}, "instructions": [copy_from("1", 1)]},
		],
	}
	fixes := {f.fix | some f in copy_from_index.deny with input as d}
	fixes == {
		"Name the stage (`FROM golang:1.27-alpine AS build-0` on line 1) and write `from=build-0`.",
		"Name the stage (`FROM golang:1.27-alpine AS build-1` on line 5) and write `--from=build-1`.",
	}
}
