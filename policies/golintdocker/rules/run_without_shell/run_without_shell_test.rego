package golintdocker.tests.run_without_shell

import data.golintdocker.testdoc

import data.golintdocker.rules.run_without_shell

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

sh := ["/bin/sh", "-c"]

# The guide's user creation in its scratch stage.
adduser_run := {
	"index": 0, "cmd": "run", "form": "shell", "line": 9, "end_line": 9,
	"args": ["addgroup -S appgroup && adduser -S appuser -G appgroup"],
	"run": {"shell": sh, "mounts": [], "commands": [
		{"name": "addgroup", "argv": ["addgroup", "-S", "appgroup"]},
		{"name": "adduser", "argv": ["adduser", "-S", "appuser", "-G", "appgroup"]},
	]},
}

mkdir_run := {
	"index": 1, "cmd": "run", "form": "shell", "line": 12, "end_line": 13,
	"args": ["mkdir -p /data && chown 65532 /data"],
	"run": {"shell": sh, "mounts": [], "commands": [
		{"name": "mkdir", "argv": ["mkdir", "-p", "/data"]},
		{"name": "chown", "argv": ["chown", "65532", "/data"]},
	]},
}

copy_to(idx, dest) := {"index": idx, "cmd": "copy", "line": 10, "end_line": 10, "copy": {"dest_path": dest, "from_stage": 0, "sources": ["/bin/busybox"]}}

doc(from, instructions, used) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "root": 0, "used_by_final": used,
		"line": 8, "from_end_line": 8, "from": from, "instructions": instructions, "shell": sh,
	}],
}

test_guide_adduser_in_scratch_fires if {
	some f in run_without_shell.deny with input as testdoc.doc(doc(scratch, [adduser_run], true))
	f.line == 9
	contains(f.msg, "built on scratch, which has no shell")
	contains(f.msg, "`addgroup`, `adduser`")
	contains(f.fix, "COPY --from=builder /etc/passwd")
	contains(f.fix, "USER 65532:65532")
}

test_mkdir_in_distroless_fires_with_generic_fix if {
	some f in run_without_shell.deny with input as testdoc.doc(doc(distroless, [object.union(mkdir_run, {"index": 0})], true))
	f.line == 12
	f.end_line == 13
	contains(f.msg, "gcr.io/distroless/static-debian12:nonroot")
	contains(f.fix, "builder stage")
}

test_shell_copied_in_before_is_quiet if {
	count(run_without_shell.deny) == 0 with input as testdoc.doc(doc(distroless, [copy_to(0, "/bin"), mkdir_run], true))
}

test_shell_copied_in_after_still_fires if {
	some f in run_without_shell.deny with input as testdoc.doc(doc(scratch, [adduser_run, copy_to(1, "/bin")], true))
	f.line == 9
}

test_exec_form_is_quiet if {
	run := {"index": 0, "cmd": "run", "form": "exec", "line": 9, "end_line": 9, "args": ["/migrate"], "run": {"shell": sh, "mounts": [], "commands": [{"name": "migrate", "argv": ["/migrate"]}]}}
	count(run_without_shell.deny) == 0 with input as testdoc.doc(doc(scratch, [run], true))
}

test_alpine_has_a_shell if {
	count(run_without_shell.deny) == 0 with input as testdoc.doc(doc(alpine, [adduser_run], true))
}

test_unused_stage_is_quiet if {
	count(run_without_shell.deny) == 0 with input as testdoc.doc(doc(scratch, [adduser_run], false))
}
