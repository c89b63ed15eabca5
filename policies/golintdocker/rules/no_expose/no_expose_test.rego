package golintdocker.tests.no_expose

import data.golintdocker.rules.no_expose

# A runtime image (stage 0, FROM on line 9) starting the ENTRYPOINT on
# line 14; serves is the evidence golint-docker found that it serves.
doc(instrs, serves) := {
	"final_stage": 0,
	"runtime_stages": [0],
	"stages": [{
		"index": 0, "name": "", "line": 9, "from_end_line": 9, "end_line": 14, "root": 0, "final": true, "role": "runtime", "os": "linux",
		"from": {"name": "scratch", "tag": "", "image": "scratch", "scratch": true},
		"entrypoint": {"stage": 0, "instruction": count(instrs) - 1, "line": 14}, "cmd": null,
		"instructions": instrs, "serves": serves,
	}],
}

entrypoint(args, env) := {"cmd": "entrypoint", "line": 14, "end_line": 14, "form": "exec", "args": args, "env": env}

copy := {"cmd": "copy", "line": 11, "end_line": 11}

test_known_port_is_inserted if {
	some f in no_expose.deny with input as doc([copy, entrypoint(["/server", "-addr=:9090"], {})], ["it starts with -addr=:9090"])
	f.line == 9
	contains(f.msg, "listens on port 9090")
	f.edits == [{"line": 14, "column": 1, "end_line": 14, "end_column": 1, "text": "EXPOSE 9090\n"}]
}

test_port_env_is_inserted if {
	some f in no_expose.deny with input as doc([copy, entrypoint(["/server"], {"PORT": "8080"})], ["PORT is set"])
	f.edits == [{"line": 14, "column": 1, "end_line": 14, "end_column": 1, "text": "EXPOSE 8080\n"}]
}

# A CLI or a worker says nothing about a port: nothing to declare.
test_no_port_is_quiet if {
	count(no_expose.deny) == 0 with input as doc([copy, entrypoint(["/server"], {})], [])
}

test_expose_is_quiet if {
	expose := {"cmd": "expose", "line": 12, "end_line": 12, "expose": [{"port": "9090", "protocol": "tcp"}]}
	count(no_expose.deny) == 0 with input as doc([copy, expose, entrypoint(["/server", "-addr=:9090"], {})], ["EXPOSE on line 12"])
}

test_check_stage_is_quiet if {
	d := doc([copy, entrypoint(["/server", "-addr=:9090"], {})], ["it starts with -addr=:9090"])
	count(no_expose.deny) == 0 with input as object.union(d, {"runtime_stages": []})
}
