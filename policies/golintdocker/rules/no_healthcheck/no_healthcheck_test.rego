package golintdocker.tests.no_healthcheck

import data.golintdocker
import data.golintdocker.rules.no_healthcheck

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

entrypoint := {"index": 0, "cmd": "entrypoint", "line": 14, "end_line": 14, "form": "exec", "args": ["/web"]}

none := {"index": 1, "cmd": "healthcheck", "line": 13, "end_line": 13, "healthcheck": {"none": true, "test": []}}

# The runtime image (lines 10-11); serves is what says it serves.
doc(instructions, refs, serves, facts) := {
	"file": "services/web/Dockerfile",
	"final_stage": 0,
	"runtime_stages": [0],
	"stages": [object.union(
		{
			"index": 0, "name": "", "root": 0, "built": true, "final": true, "role": "runtime", "os": "linux",
			"line": 10, "from_end_line": 11, "from": distroless, "instructions": instructions, "image": facts,
			"healthcheck": null, "entrypoint": {"stage": 0, "instruction": 0, "line": 14}, "cmd": null, "serves": serves,
		},
		refs,
	)],
}

distroless_facts := {"id": "distroless-static-nonroot", "wget": false, "shell": false}

test_serving_image_without_healthcheck_fires if {
	some f in no_healthcheck.deny with input as doc([entrypoint], {}, ["EXPOSE on line 12"], distroless_facts)
	f.line == 10
	f.end_line == 11
	contains(f.msg, "serves (EXPOSE on line 12) but has no HEALTHCHECK")

	# No invented flag: how to add one.
	not contains(f.fix, "-healthcheck")
	contains(f.fix, "health subcommand")
}

test_image_with_wget_gets_a_wget_probe if {
	some f in no_healthcheck.deny with input as doc([entrypoint], {}, ["EXPOSE on line 12"], {"id": "alpine", "wget": true})
	contains(f.fix, "wget -qO-")
}

# A CLI, a worker, an export stage: nothing says it serves.
test_not_serving_is_quiet if {
	count(no_healthcheck.deny) == 0 with input as doc([entrypoint], {}, [], distroless_facts)
}

# Kubernetes ignores HEALTHCHECK.
test_kubernetes_is_quiet if {
	d := doc([entrypoint], {}, ["EXPOSE on line 12"], distroless_facts)
	count(no_healthcheck.deny) == 0 with input as object.union(d, {"file": "deploy/k8s/operator/Dockerfile"})
}

test_healthcheck_none_is_quiet if {
	refs := {"healthcheck": {"stage": 0, "instruction": 1, "line": 13}}
	count(no_healthcheck.deny) == 0 with input as doc([entrypoint, none], refs, ["EXPOSE on line 12"], distroless_facts)
}

# Off unless turned on: the findings decision drops it (the rule's METADATA
# says default: off).
test_off_by_default if {
	d := object.union(doc([entrypoint], {}, ["EXPOSE on line 12"], distroless_facts), {"schema_version": 1})
	deny := no_healthcheck.deny with input as d
	count(deny) == 1
	rules := {"no_healthcheck": {"deny": deny}}
	meta := {"no_healthcheck": {"id": "GD017", "severity": "info", "default_off": true}}
	count(golintdocker.findings) == 0 with input as d with data.golintdocker.rules as rules with data.golintdocker.meta as meta
	count(golintdocker.findings) == 1 with input as d with data.golintdocker.rules as rules with data.golintdocker.meta as meta
		with data.golintdocker.options.no_healthcheck.enabled as true
}
