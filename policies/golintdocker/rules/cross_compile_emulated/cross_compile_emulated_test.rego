package golintdocker.tests.cross_compile_emulated

import data.golintdocker.rules.cross_compile_emulated

golang(platform) := {"name": "golang", "tag": "1.27-alpine", "image": "golang:1.27-alpine", "scratch": false, "platform": platform}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true, "platform": ""}

# A go build at line 4, column 5, shipped to stage 1 (or not), static
# unless cgo is "1".
build(cgo, ships) := {
	"subcommand": "build", "cgo_enabled": cgo, "goos": null, "goarch": null,
	"line": 4, "column": 5, "end_line": 4, "end_column": 30, "exact": true,
	"build": {"kind": "binary", "ships": ships, "shipped_to": [1 | ships], "static": cgo != "1"},
}

builder(from, original, end, ships, cgo) := {
	"index": 0, "name": "build", "root": 0, "built": ships, "role": "builder",
	"line": 2, "from_end_line": end, "original": original, "from": from,
	"image": {"id": "golang-alpine", "go_toolchain": true},
	"instructions": [{"index": 0, "cmd": "run", "line": 4, "run": {"go": [build(cgo, ships)]}}],
}

doc(b) := {"final_stage": 1, "runtime_stages": [1], "stages": [
	b,
	{
		"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime",
		"line": 6, "from_end_line": 6, "original": "FROM scratch", "from": scratch, "instructions": [],
		"image": {"id": "scratch", "go_toolchain": false},
	},
]}

test_builder_without_platform_fires_with_edit if {
	d := doc(builder(golang(""), "FROM golang:1.27-alpine AS build", 2, true, "0"))
	some f in cross_compile_emulated.deny with input as d
	f.line == 2
	contains(f.msg, "`go build` on line 4")
	contains(f.msg, "golang:1.27-alpine")

	# The whole change: --platform, the ARGs, GOOS/GOARCH on the build.
	f.edits == [
		{"line": 2, "column": 0, "end_line": 2, "end_column": 0, "text": "FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build"},
		{"line": 3, "column": 1, "end_line": 3, "end_column": 1, "text": "ARG TARGETOS TARGETARCH\n"},
		{"line": 4, "column": 5, "end_line": 4, "end_column": 5, "text": "GOOS=$TARGETOS GOARCH=$TARGETARCH "},
	]
}

# With cgo on, moving the compiler to the build platform needs a C cross
# toolchain: no edit.
test_cgo_build_has_no_edit if {
	d := doc(builder(golang(""), "FROM golang:1.27-alpine AS build", 2, true, "1"))
	some f in cross_compile_emulated.deny with input as d
	f.edits == []
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

# A build in the image itself must stay on the target platform.
test_final_stage_is_quiet if {
	b := builder(golang(""), "FROM golang:1.27-alpine AS build", 2, true, "0")
	g := object.union(build("0", true), {"build": {"kind": "binary", "ships": true, "shipped_to": [0], "static": true}})
	d := {"final_stage": 0, "runtime_stages": [0], "stages": [object.union(b, {"role": "runtime", "instructions": [{"index": 0, "cmd": "run", "line": 4, "run": {"go": [g]}}]})]}
	count(cross_compile_emulated.deny) == 0 with input as d
}
