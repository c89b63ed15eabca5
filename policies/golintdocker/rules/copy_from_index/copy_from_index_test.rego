package golintdocker.tests.copy_from_index

import data.golintdocker.rules.copy_from_index

doc(first_name, instr) := {
	"final_stage": 1,
	"stages": [
		stage(0, first_name, 3, "FROM golang:1.27-alpine", "golang:1.27-alpine", []),
		stage(1, "", 10, "FROM scratch", "scratch", [instr]),
	],
}

stage(index, name, line, original, image, instrs) := {
	"index": index, "name": name, "line": line, "from_end_line": line, "original": original,
	"from": {"original": image}, "instructions": instrs,
}

span(line, column, width) := {"line": line, "column": column, "end_line": line, "end_column": column + width, "exact": true}

copy_from(from, stage, line) := {"cmd": "copy", "line": line, "end_line": line, "copy": {"from": from, "from_stage": stage, "from_pos": span(line, 13, count(from))}}

mount_from(from, stage, line) := {"cmd": "run", "line": line, "end_line": line, "run": {"mounts": [{"from": from, "from_stage": stage, "from_pos": span(line, 28, count(from))}]}}

test_index_of_named_stage_fires_with_replacement if {
	some f in copy_from_index.deny with input as doc("builder", copy_from("0", 0, 12))
	f.line == 12
	contains(f.msg, "COPY --from=0 refers to stage 0 (\"builder\", FROM golang:1.27-alpine, line 3)")
	f.fix == "Write `--from=builder` instead of `--from=0`."
	f.edits == [{"line": 12, "column": 13, "end_line": 12, "end_column": 14, "text": "builder"}]
}

test_index_of_unnamed_stage_names_it_and_rewrites_the_reference if {
	some f in copy_from_index.deny with input as doc("", copy_from("0", 0, 12))
	contains(f.msg, "which has no name")
	f.fix == "Name the stage (`FROM golang:1.27-alpine AS build` on line 3) and write `--from=build`."
	f.edits == [
		{"line": 3, "column": 0, "end_line": 3, "end_column": 0, "text": "FROM golang:1.27-alpine AS build"},
		{"line": 12, "column": 13, "end_line": 12, "end_column": 14, "text": "build"},
	]
}

test_every_reference_to_the_stage_is_rewritten_in_each_fix if {
	d := {
		"final_stage": 1,
		"stages": [
			stage(0, "", 1, "FROM golang:1.27-alpine", "golang:1.27-alpine", []),
			stage(1, "", 5, "FROM scratch", "scratch", [mount_from("0", 0, 7), copy_from("0", 0, 8)]),
		],
	}
	fixes := {f.line: f.edits | some f in copy_from_index.deny with input as d}
	fixes[7] == fixes[8]
	fixes[7] == [
		{"line": 1, "column": 0, "end_line": 1, "end_column": 0, "text": "FROM golang:1.27-alpine AS build"},
		{"line": 7, "column": 28, "end_line": 7, "end_column": 29, "text": "build"},
		{"line": 8, "column": 13, "end_line": 8, "end_column": 14, "text": "build"},
	]
}

test_a_number_not_written_plainly_gets_no_edit if {
	c := copy_from("0", 0, 12)
	inexact := object.union(c, {"copy": {"from_pos": {"line": 0, "column": 0, "end_line": 0, "end_column": 0, "exact": false}}})
	some f in copy_from_index.deny with input as doc("builder", inexact)
	not "edits" in object.keys(f)
}

test_a_name_already_used_by_an_image_is_not_taken if {
	d := {
		"final_stage": 1,
		"stages": [
			stage(0, "", 1, "FROM golang:1.27-alpine", "golang:1.27-alpine", []),
			stage(1, "", 5, "FROM build", "build", [copy_from("0", 0, 8)]),
		],
	}
	some f in copy_from_index.deny with input as d
	f.edits[0].text == "FROM golang:1.27-alpine AS builder"
	f.edits[1].text == "builder"
}

test_a_multi_line_from_gets_no_edit if {
	d := {
		"final_stage": 1,
		"stages": [
			object.union(stage(0, "", 1, "FROM --platform=$BUILDPLATFORM golang:1.27-alpine", "golang:1.27-alpine", []), {"from_end_line": 2}),
			stage(1, "", 5, "FROM scratch", "scratch", [copy_from("0", 0, 8)]),
		],
	}
	some f in copy_from_index.deny with input as d
	not "edits" in object.keys(f)
	f.fix == "Name the stage (`AS build` at the end of its FROM, line 1) and write `--from=build`."
}

test_mount_index_fires if {
	some f in copy_from_index.deny with input as doc("builder", mount_from("0", 0, 14))
	f.line == 14
	contains(f.fix, "`from=builder`")
	f.edits == [{"line": 14, "column": 28, "end_line": 14, "end_column": 29, "text": "builder"}]
}

test_name_is_quiet if {
	count(copy_from_index.deny) == 0 with input as doc("builder", copy_from("builder", 0, 12))
}

test_unknown_index_is_left_to_copy_from_unknown_stage if {
	count(copy_from_index.deny) == 0 with input as doc("builder", copy_from("3", null, 12))
}

test_several_unnamed_stages_get_distinct_names if {
	d := {
		"final_stage": 2,
		"stages": [
			stage(0, "", 1, "FROM golang:1.27-alpine", "golang:1.27-alpine", []),
			stage(1, "", 5, "FROM golang:1.27-alpine", "golang:1.27-alpine", [mount_from("0", 0, 7)]),
			stage(2, "", 9, "FROM scratch", "scratch", [copy_from("1", 1, 11)]),
		],
	}
	fixes := {f.fix | some f in copy_from_index.deny with input as d}
	fixes == {
		"Name the stage (`FROM golang:1.27-alpine AS build-0` on line 1) and write `from=build-0`.",
		"Name the stage (`FROM golang:1.27-alpine AS build-1` on line 5) and write `--from=build-1`.",
	}
}
