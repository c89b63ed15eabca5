package golintdocker.tests.copy_from_unknown_stage

import data.golintdocker.testdoc

import data.golintdocker.rules.copy_from_unknown_stage

# Stages "builder" and "runtime"; the runtime stage holds instr.
doc(instr) := {
	"final_stage": 1,
	"stages": [
		{"index": 0, "name": "builder", "instructions": []},
		{"index": 1, "name": "runtime", "instructions": [instr]},
	],
}

copy_from(from) := {"cmd": "copy", "line": 12, "end_line": 12, "copy": {"from": from, "from_stage": null}}

mount_from(from) := {"cmd": "run", "line": 14, "end_line": 15, "run": {"mounts": [
	{"type": "cache", "from": "", "from_stage": null},
	{"type": "bind", "from": from, "from_stage": null},
]}}

test_typo_fires_with_suggestion if {
	some f in copy_from_unknown_stage.deny with input as testdoc.doc(doc(copy_from("bulder")))
	f.line == 12
	contains(f.msg, "no stage named bulder (did you mean builder? stages: builder, runtime)")
	contains(f.msg, "docker.io/library/bulder")
	not f.severity
	f.fix == "Write `--from=builder`."
}

test_missing_stage_number_fires if {
	some f in copy_from_unknown_stage.deny with input as testdoc.doc(doc(copy_from("3")))
	contains(f.msg, "no stage 3: the file has 2 stages, numbered 0–1")
}

test_mount_typo_fires if {
	some f in copy_from_unknown_stage.deny with input as testdoc.doc(doc(mount_from("buidler")))
	f.line == 14
	f.end_line == 15
	contains(f.msg, "RUN --mount from=buidler")
	contains(f.msg, "did you mean builder?")
}

test_unknown_name_without_close_stage_warns if {
	some f in copy_from_unknown_stage.deny with input as testdoc.doc(doc(copy_from("somevendor")))
	f.severity == "warning"
	contains(f.fix, "somevendor:<version>")
}

test_known_image_is_quiet if {
	count(copy_from_unknown_stage.deny) == 0 with input as testdoc.doc(doc(copy_from("alpine")))
}

test_image_reference_is_quiet if {
	count(copy_from_unknown_stage.deny) == 0 with input as testdoc.doc(doc(copy_from("ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.40")))
}

test_resolved_stage_is_quiet if {
	count(copy_from_unknown_stage.deny) == 0 with input as testdoc.doc(doc({"cmd": "copy", "line": 12, "end_line": 12, "copy": {"from": "builder", "from_stage": 0}}))
}
