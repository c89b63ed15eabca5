package golintdocker.tests.runs_as_root

import data.golintdocker.rules.runs_as_root

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

nonroot := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

company := {"name": "registry.example.com/runtime", "tag": "2", "image": "registry.example.com/runtime:2", "scratch": false}

# The image facts golint-docker puts in the document for each (null: unknown).
facts := {
	"scratch": {"id": "scratch", "user": "0", "users": []},
	"alpine:3.22": {"id": "alpine", "user": "0", "users": ["root", "nobody"]},
	"gcr.io/distroless/static-debian12:nonroot": {"id": "distroless-static-nonroot", "user": "65532"},
	"registry.example.com/runtime:2": null,
}

go_binary := [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}]

entrypoint := {"index": 1, "cmd": "entrypoint", "line": 14, "end_line": 14, "form": "exec", "args": ["/app"]}

copy_app := {"index": 0, "cmd": "copy", "line": 12, "end_line": 12, "copy": {"dest_path": "/app", "from_stage": null, "sources": ["app"]}}

user_instr(spec, uid, root) := {"index": 1, "cmd": "user", "line": 13, "end_line": 13, "original": sprintf("USER %s", [spec]), "user": {"name": spec, "group": "", "uid": uid, "gid": null, "root": root}}

# One final stage at line 10, a runtime image, with the given instructions
# and refs.
doc(from, instructions, refs) := {
	"final_stage": 0,
	"runtime_stages": [0],
	"stages": [object.union(
		{
			"index": 0, "name": "", "root": 0, "used_by_final": true, "built": true, "final": true, "role": "runtime", "os": "linux",
			"line": 10, "from_end_line": 10, "from": from, "instructions": instructions, "image": facts[from.image],
			"user": null, "entrypoint": null, "cmd": null, "binaries": go_binary,
		},
		refs,
	)],
}

ep_ref := {"stage": 0, "instruction": 1, "line": 14}

test_scratch_without_user_fires_with_edit if {
	some f in runs_as_root.deny with input as doc(scratch, [copy_app, entrypoint], {"entrypoint": ep_ref})
	f.line == 10
	contains(f.msg, "default user of the final image (scratch) is root")
	f.edits == [{"line": 14, "column": 1, "end_line": 14, "end_column": 1, "text": "USER 65532:65532\n"}]
}

# An image golint-docker knows nothing about may set a user: no guess.
test_unknown_image_is_quiet if {
	count(runs_as_root.deny) == 0 with input as doc(company, [copy_app, entrypoint], {"entrypoint": ep_ref})
}

# Runtime rules look at runtime images only: not at a CI or export stage.
test_check_stage_is_quiet if {
	d := doc(alpine, [copy_app, entrypoint], {"entrypoint": ep_ref, "role": "check"})
	count(runs_as_root.deny) == 0 with input as object.union(d, {"runtime_stages": []})
}

# A runtime stage the last stage hides is checked, and named.
test_hidden_runtime_stage_is_named if {
	d := {"final_stage": 1, "runtime_stages": [0], "stages": [
		{
			"index": 0, "name": "release", "root": 0, "final": false, "role": "runtime", "os": "linux",
			"line": 10, "from_end_line": 10, "from": alpine, "instructions": [copy_app, entrypoint], "image": facts["alpine:3.22"],
			"user": null, "entrypoint": ep_ref, "cmd": null, "binaries": go_binary,
		},
		{
			"index": 1, "name": "test", "root": 1, "final": true, "role": "check", "os": "linux",
			"line": 20, "from_end_line": 20, "from": alpine, "instructions": [], "image": facts["alpine:3.22"],
			"user": null, "entrypoint": null, "cmd": null, "binaries": [],
		},
	]}
	some f in runs_as_root.deny with input as d
	f.line == 10
	contains(f.msg, `the image of stage "release" (alpine:3.22; the last stage, stage "test", is a check stage and does not build it)`)
}

# Windows images get no Linux advice.
test_windows_image_is_quiet if {
	count(runs_as_root.deny) == 0 with input as doc(alpine, [copy_app, entrypoint], {"entrypoint": ep_ref, "os": "windows"})
}

# Without a Go binary the fix is generic.
test_non_go_image_gets_generic_fix if {
	some f in runs_as_root.deny with input as doc(alpine, [copy_app, entrypoint], {"entrypoint": ep_ref, "binaries": []})
	contains(f.fix, "numeric one")
	not contains(f.fix, "distroless")
	f.edits == []
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
	d := {
		"final_stage": 1, "stages": [
			{"index": 0, "name": "base", "root": 0, "used_by_final": true, "built": true, "line": 1, "from_end_line": 1, "from": scratch, "instructions": [object.union(entrypoint, {"index": 0})], "user": null, "entrypoint": base_ep, "cmd": null, "image": facts.scratch, "role": "builder", "os": "linux"},
			{"index": 1, "name": "", "root": 0, "used_by_final": true, "built": true, "final": true, "line": 20, "from_end_line": 20, "from": {"stage": 0, "image": "base"}, "instructions": [], "user": null, "entrypoint": base_ep, "cmd": null, "image": facts.scratch, "role": "runtime", "os": "linux", "binaries": go_binary},
		],
		"runtime_stages": [1],
	}
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
