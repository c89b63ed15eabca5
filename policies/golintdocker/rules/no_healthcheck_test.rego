package golintdocker.tests.no_healthcheck

import data.golintdocker.rules.no_healthcheck

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

entrypoint := {"index": 0, "cmd": "entrypoint", "line": 14, "end_line": 14, "form": "exec", "args": ["/web"]}

cmd_shell := {"index": 0, "cmd": "cmd", "line": 14, "end_line": 14, "form": "shell", "args": ["web --port 8080"]}

none := {"index": 1, "cmd": "healthcheck", "line": 13, "end_line": 13, "healthcheck": {"none": true, "test": []}}

doc(instructions, refs) := {
	"final_stage": 0,
	"stages": [object.union(
		{
			"index": 0, "name": "", "root": 0, "used_by_final": true, "built": true,
			"line": 10, "from_end_line": 11, "from": distroless, "instructions": instructions,
			"healthcheck": null, "entrypoint": null, "cmd": null,
		},
		refs,
	)],
}

test_entrypoint_without_healthcheck_fires if {
	some f in no_healthcheck.deny with input as doc([entrypoint], {"entrypoint": {"stage": 0, "instruction": 0, "line": 14}})
	f.line == 10
	f.end_line == 11
	contains(f.msg, "runs `/web` but has no HEALTHCHECK")
	contains(f.fix, `CMD ["/web", "-healthcheck"]`)
}

test_shell_form_cmd_fires if {
	some f in no_healthcheck.deny with input as doc([cmd_shell], {"cmd": {"stage": 0, "instruction": 0, "line": 14}})
	contains(f.msg, "runs a program but has no HEALTHCHECK")
}

test_healthcheck_none_is_quiet if {
	refs := {
		"entrypoint": {"stage": 0, "instruction": 0, "line": 14},
		"healthcheck": {"stage": 0, "instruction": 1, "line": 13},
	}
	count(no_healthcheck.deny) == 0 with input as doc([entrypoint, none], refs)
}

test_nothing_to_run_is_quiet if {
	count(no_healthcheck.deny) == 0 with input as doc([], {})
}
