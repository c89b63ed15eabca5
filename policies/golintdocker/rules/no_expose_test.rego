package golintdocker.tests.no_expose

import data.golintdocker.rules.no_expose

doc(builder_facts, final_instrs, entry) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "build", "root": 0,
			"from": {"name": "golang", "tag": "1.27-alpine", "image": "golang:1.27-alpine"},
			"instructions": [{"cmd": "run", "line": 4, "end_line": 4, "run": {"go": builder_facts}}],
		},
		{
			"index": 1, "name": "", "line": 9, "from_end_line": 9, "root": 1,
			"from": {"name": "scratch", "tag": "", "image": "scratch", "scratch": true},
			"entrypoint": entry, "cmd": null,
			"instructions": final_instrs,
		},
	],
}

go_build := [{"subcommand": "build"}]

entrypoint(args, env) := {"cmd": "entrypoint", "line": 14, "end_line": 14, "form": "exec", "args": args, "env": env}

copy := {"cmd": "copy", "line": 11, "end_line": 11}

test_no_expose_fires_at_final_from if {
	some f in no_expose.deny with input as doc(go_build, [copy, entrypoint(["/server"], {})], {"stage": 1, "instruction": 1, "line": 14})
	f.line == 9
	contains(f.msg, "runs /server but has no EXPOSE")
	not f.edits
}

test_known_port_is_inserted if {
	some f in no_expose.deny with input as doc(go_build, [copy, entrypoint(["/server", "-addr=:9090"], {})], {"stage": 1, "instruction": 1, "line": 14})
	f.edits == [{"line": 14, "column": 1, "end_line": 14, "end_column": 1, "text": "EXPOSE 9090\n"}]
}

test_port_env_is_inserted if {
	some f in no_expose.deny with input as doc(go_build, [copy, entrypoint(["/server"], {"PORT": "8080"})], {"stage": 1, "instruction": 1, "line": 14})
	f.edits[0].text == "EXPOSE 8080\n"
}

test_expose_is_quiet if {
	expose := {"cmd": "expose", "line": 12, "end_line": 12, "expose": [{"port": "8080", "protocol": "tcp"}]}
	count(no_expose.deny) == 0 with input as doc(go_build, [copy, expose, entrypoint(["/server"], {})], {"stage": 1, "instruction": 2, "line": 14})
}

test_no_entrypoint_is_quiet if {
	count(no_expose.deny) == 0 with input as doc(go_build, [copy], null)
}

test_not_go_is_quiet if {
	d := json.patch(doc([], [copy, entrypoint(["/server"], {})], {"stage": 1, "instruction": 1, "line": 14}), [{"op": "replace", "path": "/stages/0/from", "value": {"name": "node", "tag": "22", "image": "node:22"}}])
	count(no_expose.deny) == 0 with input as d
}
