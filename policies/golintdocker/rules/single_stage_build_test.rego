package golintdocker.tests.single_stage_build

import data.golintdocker.rules.single_stage_build

golang := {"name": "golang", "tag": "1.27-alpine", "image": "golang:1.27-alpine", "scratch": false}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

stage(idx, name, from, root) := {
	"index": idx, "name": name, "root": root,
	"line": 1 + (idx * 10), "from_end_line": 1 + (idx * 10),
	"from": from, "instructions": [],
}

test_single_golang_stage_fires if {
	d := {"final_stage": 0, "stages": [stage(0, "", golang, 0)]}
	some f in single_stage_build.deny with input as d
	f.line == 1
	f.end_line == 1
	contains(f.msg, "golang:1.27-alpine")
	contains(f.msg, "stage 0")
}

test_final_derived_from_golang_stage_fires if {
	# FROM golang AS build ... FROM build: the final stage rests on golang.
	d := {"final_stage": 1, "stages": [
		stage(0, "build", golang, 0),
		stage(1, "app", {"name": "build", "tag": "", "image": "build", "scratch": false, "stage": 0}, 0),
	]}
	some f in single_stage_build.deny with input as d
	f.line == 11
	contains(f.msg, `stage "app"`)
	contains(f.msg, "golang:1.27-alpine")
}

test_multi_stage_scratch_is_quiet if {
	d := {"final_stage": 1, "stages": [stage(0, "build", golang, 0), stage(1, "", scratch, 1)]}
	count(single_stage_build.deny) == 0 with input as d
}

test_alpine_final_is_quiet if {
	d := {"final_stage": 1, "stages": [stage(0, "build", golang, 0), stage(1, "", alpine, 1)]}
	count(single_stage_build.deny) == 0 with input as d
}

test_target_builder_fires if {
	# --target build picks the golang stage as final.
	d := {"final_stage": 0, "stages": [stage(0, "build", golang, 0), stage(1, "", scratch, 1)]}
	some f in single_stage_build.deny with input as d
	f.line == 1
}
