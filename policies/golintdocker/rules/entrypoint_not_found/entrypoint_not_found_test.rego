package golintdocker.tests.entrypoint_not_found

import data.golintdocker.testdoc

import data.golintdocker.rules.entrypoint_not_found

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

# A final stage: the COPYs, then ENTRYPOINT [program] with the given WORKDIR.
doc(from, copies, program, workdir) := {
	"final_stage": 1,
	"stages": [
		{"index": 0, "name": "builder", "root": 0, "from": {"name": "golang", "tag": "1.27-alpine", "image": "golang:1.27-alpine"}, "instructions": []},
		{
			"index": 1, "name": "", "root": 1, "from": from,
			"entrypoint": {"stage": 1, "instruction": count(copies), "line": 20},
			"cmd": null,
			"instructions": array.concat(copies, [{
				"cmd": "entrypoint", "line": 20, "end_line": 20, "form": "exec", "json_invalid": false,
				"args": [program], "workdir": workdir,
			}]),
		},
	],
}

copy(original, sources, dest_path, dest_dir) := {
	"cmd": "copy", "line": 18, "end_line": 18, "original": original, "form": "shell",
	"copy": {"sources": sources, "dest_path": dest_path, "dest_dir": dest_dir, "from": "builder", "from_stage": 0},
}

guide_bug := copy("COPY --from=builder /app/main /app", ["/app/main"], "/app", false)

test_binary_copied_elsewhere_fires if {
	some f in entrypoint_not_found.deny with input as testdoc.doc(doc(scratch, [guide_bug], "/main", "/"))
	f.line == 20
	contains(f.msg, "ENTRYPOINT runs /main, but nothing in the final stage (scratch) provides it: COPY --from=builder /app/main /app writes /app")
	contains(f.fix, "`COPY --from=builder /app/main /main`")
}

test_relative_program_resolves_against_workdir if {
	c := copy("COPY --from=builder /out/server /srv/", ["/out/server"], "/srv", true)
	some f in entrypoint_not_found.deny with input as testdoc.doc(doc(scratch, [c], "./server", "/app"))
	contains(f.msg, "runs /app/server")
	contains(f.msg, "writes /srv/server")
}

test_nothing_copied_fires if {
	some f in entrypoint_not_found.deny with input as testdoc.doc(doc(scratch, [], "/main", "/"))
	endswith(f.msg, "provides it")
}

test_exact_copy_is_quiet if {
	c := copy("COPY --from=builder /app/main /main", ["/app/main"], "/main", false)
	count(entrypoint_not_found.deny) == 0 with input as testdoc.doc(doc(scratch, [c], "/main", "/"))
}

test_copy_into_directory_is_quiet if {
	c := copy("COPY --from=builder /out/server /out/migrate /usr/local/bin/", ["/out/server", "/out/migrate"], "/usr/local/bin", true)
	count(entrypoint_not_found.deny) == 0 with input as testdoc.doc(doc(scratch, [c], "/usr/local/bin/migrate", "/"))
}

test_tree_copied_two_levels_up_is_quiet if {
	c := copy("COPY --from=builder /rootfs /", ["/rootfs"], "/", true)
	count(entrypoint_not_found.deny) == 0 with input as testdoc.doc(doc(scratch, [c], "/usr/bin/app", "/"))
}

test_path_lookup_is_quiet if {
	count(entrypoint_not_found.deny) == 0 with input as testdoc.doc(doc(scratch, [], "app", "/"))
}

test_image_with_files_is_quiet if {
	count(entrypoint_not_found.deny) == 0 with input as testdoc.doc(doc(alpine, [guide_bug], "/main", "/"))
}

test_other_binary_is_not_suggested_as_the_copy if {
	c := copy("COPY --from=builder /out/api /api", ["/out/api"], "/api", false)
	some f in entrypoint_not_found.deny with input as testdoc.doc(doc(scratch, [c], "/worker", "/"))
	f.fix == "Make ENTRYPOINT run /api (what line 18 writes), or copy the binary it should run to /worker."
}
