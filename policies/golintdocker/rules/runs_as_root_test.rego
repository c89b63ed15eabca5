package golintdocker.tests.runs_as_root

import data.golintdocker.rules.runs_as_root

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

nonroot := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

company := {"name": "registry.example.com/runtime", "tag": "2", "image": "registry.example.com/runtime:2", "scratch": false}

entrypoint := {"index": 1, "cmd": "entrypoint", "line": 14, "end_line": 14, "form": "exec", "args": ["/app"]}

copy_app := {"index": 0, "cmd": "copy", "line": 12, "end_line": 12, "copy": {"dest_path": "/app", "from_stage": null, "sources": ["app"]}}

user_instr(spec, uid, root) := {"index": 1, "cmd": "user", "line": 13, "end_line": 13, "original": sprintf("USER %s", [spec]), "user": {"name": spec, "group": "", "uid": uid, "gid": null, "root": root}}

# One final stage at line 10 with the given instructions and refs.
doc(from, instructions, refs) := {
	"final_stage": 0,
	"stages": [object.union(
		{
			"index": 0, "name": "", "root": 0, "used_by_final": true, "final": true,
			"line": 10, "from_end_line": 10, "from": from, "instructions": instructions,
			"user": null, "entrypoint": null, "cmd": null,
		},
		refs,
	)],
}

ep_ref := {"stage": 0, "instruction": 1, "line": 14}

test_scratch_without_user_fires_with_edit if {
	some f in runs_as_root.deny with input as doc(scratch, [copy_app, entrypoint], {"entrypoint": ep_ref})
	f.line == 10
	contains(f.msg, "default user of the base image scratch is root")
	f.edits == [{"line": 14, "column": 1, "end_line": 14, "end_column": 1, "text": "USER 65532:65532\n"}]
}

test_unknown_image_fires_and_says_so if {
	some f in runs_as_root.deny with input as doc(company, [copy_app, entrypoint], {"entrypoint": ep_ref})
	f.line == 10
	contains(f.msg, "nothing is known about the base image registry.example.com/runtime:2")
	contains(f.msg, "unless that image sets a user")
}

test_user_root_fires_at_user_line if {
	instrs := [copy_app, user_instr("root", null, true), object.union(entrypoint, {"index": 2})]
	refs := {"user": {"stage": 0, "instruction": 1, "line": 13}, "entrypoint": {"stage": 0, "instruction": 2, "line": 14}}
	some f in runs_as_root.deny with input as doc(alpine, instrs, refs)
	f.line == 13
	contains(f.msg, "`USER root` on line 13")
	not "edits" in object.keys(f)
}

test_entrypoint_in_parent_stage_gets_no_edit if {
	base_ep := {"stage": 0, "instruction": 0, "line": 14}
	d := {"final_stage": 1, "stages": [
		{"index": 0, "name": "base", "root": 0, "used_by_final": true, "line": 1, "from_end_line": 1, "from": scratch, "instructions": [object.union(entrypoint, {"index": 0})], "user": null, "entrypoint": base_ep, "cmd": null},
		{"index": 1, "name": "", "root": 0, "used_by_final": true, "line": 20, "from_end_line": 20, "from": {"stage": 0, "image": "base"}, "instructions": [], "user": null, "entrypoint": base_ep, "cmd": null},
	]}
	some f in runs_as_root.deny with input as d
	f.line == 20
	f.edits == []
}

test_numeric_user_is_quiet if {
	instrs := [copy_app, user_instr("65532", 65532, false)]
	count(runs_as_root.deny) == 0 with input as doc(scratch, instrs, {"user": {"stage": 0, "instruction": 1, "line": 13}})
}

test_distroless_nonroot_is_quiet if {
	count(runs_as_root.deny) == 0 with input as doc(nonroot, [copy_app, entrypoint], {"entrypoint": ep_ref})
}
