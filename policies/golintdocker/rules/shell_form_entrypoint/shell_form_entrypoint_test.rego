package golintdocker.tests.shell_form_entrypoint

import data.golintdocker.testdoc

import data.golintdocker.rules.shell_form_entrypoint

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

# A final stage whose instruction 1 is the ENTRYPOINT (or CMD) under test.
doc(from, instr) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "root": 0, "from": from, "role": "runtime",
		"shell": ["/bin/sh", "-c"],
		"entrypoint": ref(instr, "entrypoint"),
		"cmd": ref(instr, "cmd"),
		"instructions": [
			{"cmd": "copy", "line": 5, "end_line": 5, "copy": {"sources": ["/out/app"], "dest_path": "/app"}},
			instr,
		],
	}],
}

ref(instr, kind) := {"stage": 0, "instruction": 1, "line": instr.line} if instr.cmd == kind

else := null

instr(cmd, original, text) := {
	"cmd": cmd, "line": 7, "end_line": 7, "form": "shell", "json_invalid": false,
	"original": original, "args": [text],
}

test_shell_entrypoint_in_alpine_warns_with_edit if {
	i := instr("entrypoint", "ENTRYPOINT /app serve --port=8080", "/app serve --port=8080")
	some f in shell_form_entrypoint.deny with input as testdoc.doc(doc(alpine, i))
	f.line == 7
	f.severity == "warning"
	contains(f.msg, "PID 1")
	f.edits == [{"line": 7, "column": 0, "end_line": 7, "end_column": 0, "text": `ENTRYPOINT ["/app", "serve", "--port=8080"]`}]
}

test_shell_cmd_in_scratch_is_error if {
	i := instr("cmd", "CMD /app", "/app")
	some f in shell_form_entrypoint.deny with input as testdoc.doc(doc(scratch, i))
	f.severity == "error"
	contains(f.msg, "there is no ENTRYPOINT")
	contains(f.msg, "cannot start at all")
	f.edits == [{"line": 7, "column": 0, "end_line": 7, "end_column": 0, "text": `CMD ["/app"]`}]
}

test_variables_get_no_edit if {
	i := instr("entrypoint", "ENTRYPOINT /app --addr=:$PORT", "/app --addr=:$PORT")
	some f in shell_form_entrypoint.deny with input as testdoc.doc(doc(alpine, i))
	not f.edits
}

test_exec_form_is_quiet if {
	i := object.union(instr("entrypoint", `ENTRYPOINT ["/app"]`, "/app"), {"form": "exec"})
	count(shell_form_entrypoint.deny) == 0 with input as testdoc.doc(doc(scratch, i))
}

test_invalid_json_is_left_to_json_form_invalid if {
	i := object.union(instr("entrypoint", `ENTRYPOINT ['/app']`, `['/app']`), {"json_invalid": true})
	count(shell_form_entrypoint.deny) == 0 with input as testdoc.doc(doc(scratch, i))
}

test_no_entrypoint_or_cmd_is_quiet if {
	i := instr("workdir", "WORKDIR /app", "/app")
	count(shell_form_entrypoint.deny) == 0 with input as testdoc.doc(doc(scratch, i))
}

test_exec_prefix_is_dropped if {
	i := instr("entrypoint", "ENTRYPOINT exec /usr/local/bin/app", "exec /usr/local/bin/app")
	some f in shell_form_entrypoint.deny with input as testdoc.doc(doc(alpine, i))
	contains(f.msg, "CMD arguments are ignored")
	f.edits == [{"line": 7, "column": 0, "end_line": 7, "end_column": 0, "text": `ENTRYPOINT ["/usr/local/bin/app"]`}]
}

test_cmd_exec_with_a_shell_is_quiet if {
	i := instr("cmd", `CMD exec sh -c "trap : TERM INT; tail -f /dev/null"`, `exec sh -c "trap : TERM INT; tail -f /dev/null"`)
	count(shell_form_entrypoint.deny) == 0 with input as doc(alpine, i)
}

test_entrypoint_exec_still_loses_cmd_arguments if {
	i := instr("entrypoint", "ENTRYPOINT exec /app", "exec /app")
	some f in shell_form_entrypoint.deny with input as doc(alpine, i)
	contains(f.msg, "CMD arguments are ignored")
}

test_cmd_exec_without_a_shell_is_error if {
	i := instr("cmd", "CMD exec /app", "exec /app")
	some f in shell_form_entrypoint.deny with input as testdoc.doc(doc(scratch, i))
	f.severity == "error"
}

test_check_stage_is_quiet if {
	i := instr("cmd", "CMD cmp /proto/api.pb.go /compare/api.pb.go", "cmp /proto/api.pb.go /compare/api.pb.go")
	d := json.patch(doc(alpine, i), [{"op": "replace", "path": "/stages/0/role", "value": "check"}])
	count(shell_form_entrypoint.deny) == 0 with input as d
}

test_check_stage_of_a_parser_fixture_fires if {
	i := instr("cmd", "CMD /usr/sbin/murmurd", "/usr/sbin/murmurd")
	d := json.patch(doc(alpine, i), [
		{"op": "replace", "path": "/stages/0/role", "value": "check"},
		{"op": "add", "path": "/fixture", "value": true},
	])
	count(shell_form_entrypoint.deny) == 1 with input as d
}
