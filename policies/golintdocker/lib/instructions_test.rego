package golintdocker.lib.instructions_test

import data.golintdocker.lib.instructions
import data.golintdocker.testdoc

env(line, vars) := {"cmd": "env", "line": line, "end_line": line, "env": vars, "pairs": []}

entrypoint(line) := {"cmd": "entrypoint", "line": line, "end_line": line, "form": "exec", "args": ["/app"]}

cmd(line) := {"cmd": "cmd", "line": line, "end_line": line, "form": "exec", "args": ["serve"]}

instr_doc := testdoc.stages([
	testdoc.stage(0, "build", "golang:1.27-alpine", [
		testdoc.copy(2, ["."], "/src/"),
		testdoc.run(3, [testdoc.command(["go", "build", "-o", "/app", "."])]),
	]),
	object.union(
		testdoc.stage(1, "", "scratch", [
			testdoc.copy_from(12, 0, ["/app"], "/app"),
			env(13, {"PORT": "8080", "UNSET": null}),
			entrypoint(14),
			cmd(15),
		]),
		{"entrypoint": {"stage": 1, "instruction": 2}, "cmd": {"stage": 1, "instruction": 3}},
	),
])

test_by_cmd_lists_each_kind_in_document_order if {
	[[k, j] | some [k, j, _, _] in instructions.by_cmd.copy] == [[0, 0], [1, 0]] with input as instr_doc
	[i.line | some [_, _, _, i] in instructions.by_cmd.run] == [3] with input as instr_doc
	instructions.by_cmd.expose == [] with input as instr_doc
	not instructions.by_cmd.entrypoint with input as instr_doc
}

test_at_follows_a_reference if {
	instructions.at({"stage": 1, "instruction": 2}).cmd == "entrypoint" with input as instr_doc
}

test_final_start_is_the_entrypoint_before_the_cmd if {
	instructions.final_start.line == 14 with input as instr_doc
	d := object.union(instr_doc, {"stages": [instr_doc.stages[0], object.union(instr_doc.stages[1], {"entrypoint": null})]})
	instructions.final_start.line == 15 with input as d
}

test_final_start_is_undefined_without_either if {
	d := object.union(instr_doc, {"stages": [instr_doc.stages[0], object.union(instr_doc.stages[1], {"entrypoint": null, "cmd": null})]})
	not instructions.final_start with input as d
}

test_env_value if {
	i := env(13, {"PORT": "8080", "UNSET": null})
	instructions.env_value(i, "PORT") == "8080"
	not instructions.env_value(i, "UNSET")
	not instructions.env_value(i, "HOME")
}
