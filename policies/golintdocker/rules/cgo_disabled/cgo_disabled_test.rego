package golintdocker.tests.cgo_disabled

import data.golintdocker.rules.cgo_disabled

# Two stages: a builder running go_cmd, and the runtime image on final_libc,
# which the binary ships to.
doc(go_cmd, final_libc) := {
	"final_stage": 1,
	"runtime_stages": [1],
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "built": true, "role": "builder",
			"from": {"name": "golang", "tag": "1.27", "image": "golang:1.27", "scratch": false},
			"image": {"id": "golang-debian", "libc": "glibc", "c_compiler": true},
			"instructions": [{"cmd": "run", "line": 3, "end_line": 3, "run": {"go": [go_cmd]}}],
		},
		{
			"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "os": "linux",
			"from": {"name": "runtime", "tag": "1", "image": "runtime:1", "scratch": false},
			"image": {"id": "runtime", "libc": final_libc}, "instructions": [],
			"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
		},
	],
}

# A go build as golint-docker describes it: CGO_ENABLED as written, and
# whether cgo is on, static, and the builder's C library.
build(cgo_enabled, cgo, static, libc) := {
	"subcommand": "build", "cgo_enabled": cgo_enabled,
	"line": 3, "column": 5, "end_line": 3, "end_column": 30, "exact": true,
	"build": {"kind": "binary", "ships": true, "shipped_to": [1], "cgo": cgo, "static": static, "libc": libc, "cgo_reason": "golang (Debian) has a C compiler"},
}

default_cgo := build(null, true, false, "glibc")

test_unset_into_scratch_fires_with_edit if {
	some f in cgo_disabled.deny with input as doc(default_cgo, "none")
	f.line == 3
	contains(f.msg, "links glibc dynamically")
	contains(f.fix, "CGO_ENABLED=0")
	f.severity == "error"
	f.edits == [{"line": 3, "column": 5, "end_line": 3, "end_column": 5, "text": "CGO_ENABLED=0 "}]
}

test_explicit_one_into_alpine_is_warning_without_edit if {
	some f in cgo_disabled.deny with input as doc(build("1", true, false, "glibc"), "musl")
	f.severity == "warning"
	f.edits == []
}

test_zero_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build("0", false, true, "glibc"), "none")
}

test_glibc_final_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(default_cgo, "glibc")
}

# golang:alpine has no C compiler: Go turns cgo off by itself.
test_no_compiler_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build(null, false, true, "musl"), "none")
}

# alpine to alpine: musl on both sides.
test_musl_to_musl_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build("1", true, false, "musl"), "musl")
}

# -extldflags "-static": runs anywhere.
test_static_link_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build("1", true, true, "glibc"), "none")
}

# netgo/osusergo tags: static unless other cgo packages are used; unknown.
test_unknown_static_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(build("1", true, null, "glibc"), "none")
}

test_unknown_runtime_libc_is_quiet if {
	count(cgo_disabled.deny) == 0 with input as doc(default_cgo, null)
}

test_inexact_position_has_no_edit if {
	some f in cgo_disabled.deny with input as doc(object.union(default_cgo, {"exact": false}), "none")
	f.edits == []
}
