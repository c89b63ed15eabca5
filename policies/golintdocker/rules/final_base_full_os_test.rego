package golintdocker.tests.final_base_full_os

import data.golintdocker.rules.final_base_full_os

golang := {"name": "golang", "tag": "1.27", "image": "golang:1.27", "scratch": false}

debian := {"name": "debian", "tag": "12-slim", "image": "debian:12-slim", "scratch": false}

ubuntu := {"name": "ubuntu", "tag": "24.04", "image": "ubuntu:24.04", "scratch": false}

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

build(cgo) := {"subcommand": "build", "cgo_enabled": cgo, "line": 3}

doc(builder_from, go_cmds, final_from) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
			"line": 1, "from_end_line": 1, "from": builder_from,
			"instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"go": go_cmds}}],
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"line": 5, "from_end_line": 6, "from": final_from, "instructions": [],
		},
	],
}

test_debian_final_fires if {
	some f in final_base_full_os.deny with input as doc(golang, [build("0")], debian)
	f.line == 5
	f.end_line == 6
	contains(f.msg, "debian:12-slim")
	contains(f.fix, "scratch")
}

test_cgo_build_suggests_distroless_base if {
	some f in final_base_full_os.deny with input as doc(golang, [build("1")], ubuntu)
	contains(f.msg, "ubuntu:24.04")
	contains(f.fix, "distroless/base-debian12")
}

test_distroless_final_is_quiet if {
	count(final_base_full_os.deny) == 0 with input as doc(golang, [build("0")], distroless)
}

test_not_go_is_quiet if {
	# A debian builder running no go command, and a debian final: not Go.
	count(final_base_full_os.deny) == 0 with input as doc(debian, [], debian)
}

test_golang_final_left_to_single_stage_build if {
	count(final_base_full_os.deny) == 0 with input as doc(golang, [build("0")], golang)
}
