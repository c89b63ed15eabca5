package golintdocker.tests.user_without_passwd

import data.golintdocker.testdoc

import data.golintdocker.rules.user_without_passwd

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

golang_alpine := {"name": "golang", "tag": "1.25-alpine", "image": "golang:1.25-alpine", "scratch": false}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "latest", "image": "gcr.io/distroless/static-debian12", "scratch": false}

sh := ["/bin/sh", "-c"]

user_instr(idx, name, group) := {
	"index": idx, "cmd": "user", "line": 13, "end_line": 13,
	"original": trim_suffix(sprintf("USER %s:%s", [name, group]), ":"),
	"user": {"name": name, "group": group, "uid": null, "gid": null, "root": false},
}

adduser(idx, name) := {"index": idx, "cmd": "run", "form": "shell", "line": 9, "end_line": 9, "run": {"shell": sh, "mounts": [], "commands": [
	{"name": "addgroup", "argv": ["addgroup", "-S", "appgroup"]},
	{"name": "adduser", "argv": ["adduser", "-S", name, "-G", "appgroup"]},
]}}

copy_to(idx, dest) := {"index": idx, "cmd": "copy", "line": 11, "end_line": 11, "copy": {"dest_path": dest, "from_stage": 0, "sources": ["/etc/passwd"]}}

# A golang:*-alpine builder and a final stage FROM from whose USER is its
# last instruction.
doc(builder_instructions, from, instructions) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
			"line": 1, "from_end_line": 1, "from": golang_alpine, "instructions": builder_instructions,
			"user": null,
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"line": 8, "from_end_line": 8, "from": from, "instructions": instructions, "shell": sh,
			"user": {"stage": 1, "instruction": count(instructions) - 1, "line": 13},
		},
	],
}

test_guide_scratch_user_fires_despite_its_run if {
	some f in user_without_passwd.deny with input as testdoc.doc(doc([], scratch, [adduser(0, "appuser"), user_instr(1, "appuser", "")]))
	f.line == 13
	contains(f.msg, `names the user "appuser"`)
	contains(f.msg, "unable to find user appuser: no matching entries in passwd file")
	f.edits == [{"line": 13, "column": 0, "end_line": 13, "end_column": 0, "text": "USER 65532:65532"}]
}

test_builder_created_user_is_named_in_fix if {
	some f in user_without_passwd.deny with input as testdoc.doc(doc([adduser(0, "svc")], scratch, [user_instr(0, "svc", "svc")]))
	contains(f.msg, `"svc"`)
	contains(f.fix, "COPY --from=build /etc/passwd /etc/group /etc/")
}

test_unknown_group_in_alpine_fires if {
	some f in user_without_passwd.deny with input as testdoc.doc(doc([], alpine, [user_instr(0, "nobody", "app")]))
	contains(f.msg, `names the group "app"`)
	contains(f.msg, "no matching entries in group file")
}

test_passwd_copied_is_quiet if {
	count(user_without_passwd.deny) == 0 with input as testdoc.doc(doc([adduser(0, "appuser")], scratch, [copy_to(0, "/etc"), user_instr(1, "appuser", "appgroup")]))
}

test_created_in_alpine_is_quiet if {
	count(user_without_passwd.deny) == 0 with input as testdoc.doc(doc([], alpine, [adduser(0, "appuser"), user_instr(1, "appuser", "appgroup")]))
}

test_distroless_nonroot_user_is_quiet if {
	count(user_without_passwd.deny) == 0 with input as testdoc.doc(doc([], distroless, [user_instr(0, "nonroot", "nonroot")]))
}

test_numeric_user_is_quiet if {
	numeric := {"index": 0, "cmd": "user", "line": 13, "end_line": 13, "original": "USER 65532:65532", "user": {"name": "65532", "group": "65532", "uid": 65532, "gid": 65532, "root": false}}
	count(user_without_passwd.deny) == 0 with input as testdoc.doc(doc([], scratch, [numeric]))
}

test_unknown_image_is_quiet if {
	company := {"name": "registry.example.com/runtime", "tag": "2", "image": "registry.example.com/runtime:2", "scratch": false}
	count(user_without_passwd.deny) == 0 with input as testdoc.doc(doc([], company, [user_instr(0, "appuser", "")]))
}
