package golintdocker.tests.ldflags_strip

import data.golintdocker.rules.ldflags_strip

# A builder whose go command g ships to the runtime image (stage 1).
doc(g) := doc_debug(g, false)

doc_debug(g, debug) := {
	"final_stage": 1,
	"runtime_stages": [1],
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "built": true, "role": "builder",
			"instructions": [{"index": 0, "cmd": "run", "line": 5, "run": {"commands": [], "go": [g]}}],
		},
		{"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "debug": debug, "instructions": []},
	],
}

facts(kind, ships) := {"kind": kind, "ships": ships, "shipped_to": [1 | ships]}

pos(col, exact) := {"line": 5, "column": col, "end_line": 5, "end_column": col, "exact": exact}

build(ldflags) := {
	"subcommand": "build", "ldflags": ldflags, "packages": ["./cmd/api"], "output": "/out/api",
	"flags": [], "env": {}, "flags_pos": pos(13, true), "unknown": [], "build": facts("binary", true),
	"line": 5, "column": 5, "end_line": 5, "end_column": 60, "exact": true,
}

ldflags(value, flags, quote) := {
	"value": value, "flags": flags, "from_goflags": false, "quote": quote,
	"value_pos": pos(24, true),
	"flag_pos": {"line": 5, "column": 14, "end_line": 5, "end_column": 40, "exact": true},
}

test_no_ldflags_fires_with_insert if {
	some f in ldflags_strip.deny with input as doc(build(null))
	f.line == 5
	contains(f.msg, "has no -ldflags")
	f.edits == [{"line": 5, "column": 13, "end_line": 5, "end_column": 13, "text": ` -ldflags="-s -w"`}]
}

test_quoted_x_only_gets_both_flags if {
	l := ldflags("-X main.version=1.2.3", ["-X", "main.version=1.2.3"], "\"")
	some f in ldflags_strip.deny with input as doc(build(l))
	contains(f.msg, "-X version stamping")
	contains(f.fix, `-ldflags="-s -w -X main.version=1.2.3"`)
	f.edits == [{"line": 5, "column": 24, "end_line": 5, "end_column": 24, "text": "-s -w "}]
}

# From Go 1.22, -s implies -w.
test_s_alone_is_quiet if {
	l := ldflags("-s", ["-s"], "'")
	count(ldflags_strip.deny) == 0 with input as doc(build(l))
}

test_missing_s_only if {
	l := ldflags("-w", ["-w"], "'")
	some f in ldflags_strip.deny with input as doc(build(l))
	contains(f.msg, "without -s")
	f.edits == [{"line": 5, "column": 24, "end_line": 5, "end_column": 24, "text": "-s "}]
}

test_unquoted_value_is_rewritten if {
	l := ldflags("-X=main.v=1", ["-X=main.v=1"], "")
	some f in ldflags_strip.deny with input as doc(build(l))
	f.edits == [{"line": 5, "column": 14, "end_line": 5, "end_column": 40, "text": `-ldflags="-s -w -X=main.v=1"`}]
}

test_goflags_has_no_edit if {
	l := object.union(ldflags("-X=main.v=1", ["-X=main.v=1"], ""), {"from_goflags": true, "flag_pos": pos(0, false), "value_pos": pos(0, false)})
	some f in ldflags_strip.deny with input as doc(build(l))
	contains(f.fix, "GOFLAGS")
	f.edits == []
}

test_inexact_position_has_no_edit if {
	some f in ldflags_strip.deny with input as doc(object.union(build(null), {"flags_pos": pos(0, false)}))
	f.edits == []
}

test_stripped_is_quiet if {
	l := ldflags("all=-s -w -X main.v=1", ["all=-s", "-w", "-X", "main.v=1"], "\"")
	count(ldflags_strip.deny) == 0 with input as doc(build(l))
}

test_compile_check_is_quiet if {
	g := object.union(build(null), {"output": null, "packages": ["./..."], "build": facts("check", false)})
	count(ldflags_strip.deny) == 0 with input as doc(g)
}

test_debug_build_is_quiet if {
	g := object.union(build(null), {"flags": [{"name": "gcflags", "value": "all=-N -l"}], "build": facts("debug", true)})
	count(ldflags_strip.deny) == 0 with input as doc(g)
}

# A debug image (Delve) is not told to strip its symbols.
test_debug_image_is_quiet if {
	count(ldflags_strip.deny) == 0 with input as doc_debug(build(null), true)
}

test_unshipped_build_is_quiet if {
	count(ldflags_strip.deny) == 0 with input as doc(object.union(build(null), {"build": facts("binary", false)}))
}

# -ldflags "${LDFLAGS}" with an ARG that has no default: nothing is known.
test_unknown_ldflags_is_quiet if {
	l := ldflags("${LDFLAGS}", ["${LDFLAGS}"], "\"")
	count(ldflags_strip.deny) == 0 with input as doc(object.union(build(l), {"unknown": ["ldflags"]}))
}
