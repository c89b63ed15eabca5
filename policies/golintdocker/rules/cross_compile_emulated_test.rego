package golintdocker.tests.cross_compile_emulated

import data.golintdocker.rules.cross_compile_emulated

golang(platform) := {"name": "golang", "tag": "1.27-alpine", "image": "golang:1.27-alpine", "scratch": false, "platform": platform}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true, "platform": ""}

build(cgo) := {"subcommand": "build", "cgo_enabled": cgo, "line": 4}

builder(from, original, end, used, cgo) := {
	"index": 0, "name": "build", "root": 0, "used_by_final": used,
	"line": 2, "from_end_line": end, "original": original, "from": from,
	"instructions": [{"index": 0, "cmd": "run", "line": 4, "run": {"go": [build(cgo)]}}],
}

doc(b) := {"final_stage": 1, "stages": [
	b,
	{
		"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
		"line": 6, "from_end_line": 6, "original": "FROM scratch", "from": scratch, "instructions": [],
	},
]}

test_builder_without_platform_fires_with_edit if {
	d := doc(builder(golang(""), "FROM golang:1.27-alpine AS build", 2, true, "0"))
	some f in cross_compile_emulated.deny with input as d
	f.line == 2
	contains(f.msg, "`go build` on line 4")
	contains(f.msg, "golang:1.27-alpine")
	f.edits == [{"line": 2, "column": 0, "end_line": 2, "end_column": 0, "text": "FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build"}]
}

test_multi_line_from_has_no_edit if {
	d := doc(builder(golang(""), "FROM   golang:1.27-alpine AS build", 3, true, "0"))
	some f in cross_compile_emulated.deny with input as d
	f.end_line == 3
	f.edits == []
}

test_cgo_fix_mentions_cross_toolchain if {
	d := doc(builder(golang(""), "FROM golang:1.27-alpine AS build", 2, true, "1"))
	some f in cross_compile_emulated.deny with input as d
	contains(f.fix, "C cross toolchain")
}

test_buildplatform_is_quiet if {
	d := doc(builder(golang("$BUILDPLATFORM"), "FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build", 2, true, "0"))
	count(cross_compile_emulated.deny) == 0 with input as d
}

test_unused_stage_is_quiet if {
	d := doc(builder(golang(""), "FROM golang:1.27-alpine AS build", 2, false, "0"))
	count(cross_compile_emulated.deny) == 0 with input as d
}

test_final_stage_is_quiet if {
	b := builder(golang(""), "FROM golang:1.27-alpine AS build", 2, true, "0")
	count(cross_compile_emulated.deny) == 0 with input as {"final_stage": 0, "stages": [b]}
}
