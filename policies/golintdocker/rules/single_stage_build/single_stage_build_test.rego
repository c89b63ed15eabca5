package golintdocker.tests.single_stage_build

import data.golintdocker.rules.single_stage_build

golang := {"name": "golang", "tag": "1.27-alpine", "image": "golang:1.27-alpine", "scratch": false}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

facts := {
	"golang:1.27-alpine": {"id": "golang-alpine", "go_toolchain": true},
	"scratch": {"id": "scratch", "go_toolchain": false},
	"alpine:3.22": {"id": "alpine", "go_toolchain": false},
	"build": {"id": "golang-alpine", "go_toolchain": true},
}

# A stage; the last one given is the final stage and the runtime image.
stage(idx, name, from, root) := {
	"index": idx, "name": name, "root": root,
	"line": 1 + (idx * 10), "from_end_line": 1 + (idx * 10),
	"from": from, "instructions": [build_run], "image": facts[from.image], "os": "linux",
	"role": "builder", "final": false, "binaries": [],
}

build_run := {"index": 0, "cmd": "run", "line": 5, "run": {"go": [{"subcommand": "build", "line": 5, "build": {"remote": false}}]}}

# The document: stages, the last of which is final and runtime, shipping
# the binary built in stage `built_in`.
doc(stages, built_in) := {
	"final_stage": count(stages) - 1,
	"runtime_stages": [count(stages) - 1],
	"stages": array.concat(
		array.slice(stages, 0, count(stages) - 1),
		[object.union(stages[count(stages) - 1], {
			"role": "runtime", "final": true,
			"binaries": [{"stage": built_in, "instruction": 0, "go": 0, "path": "/app"}],
		})],
	),
}

test_single_golang_stage_fires if {
	d := doc([stage(0, "", golang, 0)], 0)
	some f in single_stage_build.deny with input as d
	f.line == 1
	f.end_line == 1
	contains(f.msg, "the final image (golang:1.27-alpine)")
	contains(f.msg, "`go build` on line 5")
}

test_final_derived_from_golang_stage_fires if {
	# FROM golang AS build ... FROM build: the final stage rests on golang.
	d := doc(
		[
			stage(0, "build", golang, 0),
			stage(1, "app", {"name": "build", "tag": "", "image": "build", "scratch": false, "stage": 0}, 0),
		],
		0,
	)
	some f in single_stage_build.deny with input as d
	f.line == 11
	contains(f.msg, "golang:1.27-alpine")
}

test_multi_stage_scratch_is_quiet if {
	count(single_stage_build.deny) == 0 with input as doc([stage(0, "build", golang, 0), stage(1, "", scratch, 1)], 0)
}

test_alpine_final_is_quiet if {
	count(single_stage_build.deny) == 0 with input as doc([stage(0, "build", golang, 0), stage(1, "", alpine, 1)], 0)
}

# golangci-lint's image: a finished binary copied onto golang, which the
# tool needs at run time. Not a single-stage build.
test_binary_copied_onto_golang_is_quiet if {
	count(single_stage_build.deny) == 0 with input as doc([stage(0, "build", golang, 0), stage(1, "", golang, 1)], 0)
}

# A tool installed with go install pkg@version in a golang image is a
# toolchain image by design.
test_remote_install_is_quiet if {
	remote := object.union(build_run, {"run": {"go": [{"subcommand": "install", "line": 5, "build": {"remote": true}}]}})
	d := doc([object.union(stage(0, "", golang, 0), {"instructions": [remote]})], 0)
	count(single_stage_build.deny) == 0 with input as d
}

# A CI stage on golang is not a runtime image.
test_check_stage_is_quiet if {
	d := object.union(doc([stage(0, "lint", golang, 0)], 0), {"runtime_stages": []})
	count(single_stage_build.deny) == 0 with input as d
}
