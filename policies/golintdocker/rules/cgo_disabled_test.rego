package golintdocker.tests.cgo_disabled

import data.golintdocker.rules.cgo_disabled

# Two stages: a builder running `cmd`, and a final stage FROM final_image.
doc(go_cmd, final_from) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
			"from": {"name": "golang", "tag": "1.27", "image": "golang:1.27", "scratch": false},
			"instructions": [{"cmd": "run", "line": 3, "end_line": 3, "run": {"go": [go_cmd]}}],
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"from": final_from, "instructions": [],
		},
	],
}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

distroless_base := {"name": "gcr.io/distroless/base-debian12", "tag": "nonroot", "image": "gcr.io/distroless/base-debian12:nonroot", "scratch": false}

build(cgo) := {
	"subcommand": "build", "cgo_enabled": cgo,
	"line": 3, "column": 5, "end_line": 3, "end_column": 30, "exact": true,
}

test_unset_into_scratch_fires_with_edit if {
	some f in cgo_disabled.deny with input as doc(build(null), scratch)
	f.line == 3
	contains(f.msg, "CGO_ENABLED=0")
	f.edits == [{"line": 3, "column": 5, "end_line": 3, "end_column": 5, "text": "CGO_ENABLED=0 "}]
}

test_explicit_one_into_scratch_is_error if {
	some f in cgo_disabled.deny with input as doc(build("1"), scratch)
	f.severity == "error"
}

test_zero_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build("0"), scratch)
}

test_glibc_final_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build(null), distroless_base)
}

test_inexact_position_has_no_edit if {
	some f in cgo_disabled.deny with input as doc(object.union(build(null), {"exact": false}), scratch)
	f.edits == []
}
