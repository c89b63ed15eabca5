package golintdocker.tests.copy_several_to_file

import data.golintdocker.rules.copy_several_to_file

doc(original, args, c) := {"stages": [{"index": 0, "instructions": [{
	"index": 0, "cmd": "copy", "line": 9, "end_line": 9,
	"original": original, "args": args,
	"copy": object.union({"heredocs": [], "dest_exists": false}, c),
}]}]}

test_two_binaries_into_a_new_directory_fire_with_edit if {
	d := doc("COPY --from=build /out/api /out/worker /app", ["/out/api", "/out/worker", "/app"], {"sources": ["/out/api", "/out/worker"], "dest": "/app"})
	some f in copy_several_to_file.deny with input as d
	contains(f.msg, "COPY on line 9 copies 2 sources to /app, which does not end with /")
	f.edits == [{"line": 9, "column": 0, "end_line": 9, "end_column": 0, "text": "COPY --from=build /out/api /out/worker /app/"}]
}

test_destination_as_written_gets_the_slash if {
	d := doc("COPY a b $DEST", ["a", "b", "$DEST"], {"sources": ["a", "b"], "dest": "/opt/tool"})
	some f in copy_several_to_file.deny with input as d
	f.edits[0].text == "COPY a b $DEST/"
}

test_multiline_instruction_has_no_edit if {
	d := json.patch(doc("COPY a \\\n  b /opt/tool", ["a", "b", "/opt/tool"], {"sources": ["a", "b"], "dest": "/opt/tool"}), [{"op": "replace", "path": "/stages/0/instructions/0/end_line", "value": 10}])
	some f in copy_several_to_file.deny with input as d
	f.edits == []
}

test_trailing_slash_dot_and_existing_directory_are_quiet if {
	count(copy_several_to_file.deny) == 0 with input as doc("COPY a b /app/", [], {"sources": ["a", "b"], "dest": "/app/"})
	count(copy_several_to_file.deny) == 0 with input as doc("COPY go.mod go.sum .", [], {"sources": ["go.mod", "go.sum"], "dest": "."})
	count(copy_several_to_file.deny) == 0 with input as doc("COPY a b /usr/local/bin", [], {"sources": ["a", "b"], "dest": "/usr/local/bin", "dest_exists": true})
}

test_one_source_is_quiet if {
	count(copy_several_to_file.deny) == 0 with input as doc("COPY a /app", [], {"sources": ["a"], "dest": "/app"})
}
