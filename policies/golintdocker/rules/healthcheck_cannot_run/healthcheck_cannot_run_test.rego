package golintdocker.tests.healthcheck_cannot_run

import data.golintdocker.testdoc

import data.golintdocker.rules.healthcheck_cannot_run

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

sh := ["/bin/sh", "-c"]

copy_main := {"index": 0, "cmd": "copy", "line": 11, "end_line": 11, "copy": {"dest_path": "/main", "dest_dir": false, "from_stage": 0, "sources": ["/app/main"]}}

entrypoint := {"index": 2, "cmd": "entrypoint", "line": 16, "end_line": 16, "form": "exec", "args": ["/main"]}

# The guide's HEALTHCHECK: a broken JSON array, so shell form.
guide_check := {
	"index": 1, "cmd": "healthcheck", "line": 15, "end_line": 15, "form": "shell", "json_invalid": true,
	"healthcheck": {"none": false, "form": "shell", "test": [`[ "wget", "-q", "-O", "-", "http://localhost:8080/healthz" ] || exit 1`]},
}

exec_check(test) := {
	"index": 1, "cmd": "healthcheck", "line": 15, "end_line": 15, "form": "exec", "json_invalid": false,
	"healthcheck": {"none": false, "form": "exec", "test": test},
}

# A final stage FROM from: COPY /main, the HEALTHCHECK, ENTRYPOINT ["/main"].
doc(from, check, extra) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "root": 0, "used_by_final": true, "built": true,
		"line": 10, "from_end_line": 10, "from": from, "shell": sh,
		"instructions": array.concat([copy_main, check, entrypoint], extra),
		"healthcheck": {"stage": 0, "instruction": 1, "line": 15},
		"entrypoint": {"stage": 0, "instruction": 2, "line": 16},
	}],
}

test_guide_healthcheck_in_scratch_fires if {
	some f in healthcheck_cannot_run.deny with input as testdoc.doc(doc(scratch, guide_check, []))
	f.line == 15
	contains(f.msg, "is not valid JSON")
	contains(f.msg, "(scratch) has no shell (nor wget)")
	contains(f.fix, `CMD ["/main", "-healthcheck"]`)
}

test_curl_in_distroless_fires if {
	some f in healthcheck_cannot_run.deny with input as testdoc.doc(doc(distroless, exec_check(["curl", "-fsS", "http://localhost:8080/healthz"]), []))
	f.line == 15
	contains(f.msg, "runs curl")
	contains(f.msg, "has no curl")
}

test_probe_not_copied_fires if {
	some f in healthcheck_cannot_run.deny with input as testdoc.doc(doc(scratch, exec_check(["/bin/grpc_health_probe", "-addr=:9090"]), []))
	contains(f.msg, "nothing copies /bin/grpc_health_probe")
}

test_simple_shell_form_gets_exec_form_fix if {
	check := {
		"index": 1, "cmd": "healthcheck", "line": 15, "end_line": 15, "form": "shell", "json_invalid": false,
		"healthcheck": {"none": false, "form": "shell", "test": ["/main -healthcheck"]},
	}
	some f in healthcheck_cannot_run.deny with input as testdoc.doc(doc(distroless, check, []))
	contains(f.msg, "is in shell form")
	contains(f.fix, `HEALTHCHECK CMD ["/main", "-healthcheck"]`)
}

test_self_check_is_quiet if {
	count(healthcheck_cannot_run.deny) == 0 with input as testdoc.doc(doc(scratch, exec_check(["/main", "-healthcheck"]), []))
}

test_probe_copied_into_parent_dir_is_quiet if {
	probe := {"index": 3, "cmd": "copy", "line": 12, "end_line": 12, "copy": {"dest_path": "/bin", "dest_dir": true, "from_stage": 0, "sources": ["/go/bin/grpc_health_probe"]}}
	count(healthcheck_cannot_run.deny) == 0 with input as testdoc.doc(doc(distroless, exec_check(["/bin/grpc_health_probe", "-addr=:9090"]), [probe]))
}

test_wget_in_alpine_is_quiet if {
	count(healthcheck_cannot_run.deny) == 0 with input as testdoc.doc(doc(alpine, guide_check, []))
}

test_none_is_quiet if {
	none := {"index": 1, "cmd": "healthcheck", "line": 15, "end_line": 15, "healthcheck": {"none": true, "test": []}}
	count(healthcheck_cannot_run.deny) == 0 with input as testdoc.doc(doc(scratch, none, []))
}
