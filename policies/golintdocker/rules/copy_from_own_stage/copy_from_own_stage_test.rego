package golintdocker.tests.copy_from_own_stage

import data.golintdocker.rules.copy_from_own_stage

copy_from(line, from, at) := {"index": 0, "cmd": "copy", "line": line, "end_line": line, "copy": {"from": from, "from_stage": at}}

mount_from(line, from, at) := {"index": 0, "cmd": "run", "line": line, "end_line": line, "run": {"mounts": [{"type": "bind", "from": from, "from_stage": at}], "go": [], "commands": []}}

stage(index, name, parent, instructions) := {"index": index, "name": name, "from": {"stage": parent}, "instructions": instructions}

test_copy_from_itself_fires if {
	doc := {"stages": [stage(0, "build", null, [copy_from(4, "build", 0)])]}
	some f in copy_from_own_stage.deny with input as doc
	f.line == 4
	contains(f.msg, "COPY --from=build on line 4 names stage \"build\", the stage it is in")
}

test_mount_from_a_child_fires if {
	doc := {"stages": [
		stage(0, "base", null, [mount_from(3, "tools", 1)]),
		stage(1, "tools", 0, []),
	]}
	some f in copy_from_own_stage.deny with input as doc
	contains(f.msg, "RUN --mount from=tools on line 3 names stage \"tools\", which is built on stage \"base\"")
}

test_copy_from_earlier_and_later_stages_is_quiet if {
	doc := {"stages": [
		stage(0, "build", null, []),
		stage(1, "final", null, [copy_from(6, "build", 0), copy_from(7, "assets", 2)]),
		stage(2, "assets", null, []),
	]}
	count(copy_from_own_stage.deny) == 0 with input as doc
}

test_copy_from_image_is_quiet if {
	doc := {"stages": [stage(0, "", null, [copy_from(2, "alpine:3.22", null)])]}
	count(copy_from_own_stage.deny) == 0 with input as doc
}
