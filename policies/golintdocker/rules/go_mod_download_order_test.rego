package golintdocker.tests.go_mod_download_order

import data.golintdocker.rules.go_mod_download_order

doc(instructions) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "build", "root": 0, "used_by_final": true,
		"instructions": [object.union(ins, {"index": n}) | some n, ins in instructions],
	}],
}

copy(line, sources) := {
	"cmd": "copy", "line": line, "end_line": line, "workdir": "/src",
	"original": sprintf("COPY %s ./", [concat(" ", sources)]), "flags": [],
	"copy": {"sources": sources, "from": "", "dest": "./", "dest_path": "/src"},
}

run(line, go_cmds, mounts, flags) := {
	"cmd": "run", "line": line, "end_line": line, "workdir": "/src", "flags": flags,
	"run": {"mounts": mounts, "go": go_cmds},
}

build := {"subcommand": "build", "packages": ["./cmd/app"], "flags": [{"name": "o", "value": "/app"}], "env": {}}

download := {"subcommand": "mod download", "packages": [], "flags": [], "env": {}}

cache_mount := {"type": "cache", "target": "/go/pkg/mod", "source": ""}

test_copy_all_before_build_fires_with_insert if {
	d := doc([copy(3, ["."]), run(4, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.line == 3
	contains(f.msg, "whole source tree")
	f.edits == [{"line": 3, "column": 1, "end_line": 3, "end_column": 1, "text": "COPY go.mod go.sum ./\nRUN go mod download\n"}]
}

test_insert_uses_the_builds_module_cache if {
	d := doc([copy(3, ["."]), run(4, [build], [cache_mount], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits[0].text == "COPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n"
}

test_download_after_copy_fires_without_edit if {
	d := doc([copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [download, build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.line == 4
	contains(f.msg, "runs only on line 5")
	f.edits == []
}

test_textbook_order_is_quiet if {
	d := doc([copy(3, ["go.mod", "go.sum"]), run(4, [download], [], []), copy(5, ["."]), run(6, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_bind_mounted_download_is_quiet if {
	mounts := [{"type": "bind", "source": "go.mod", "target": "go.mod"}]
	d := doc([run(3, [download], mounts, []), copy(4, ["."]), run(5, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_vendored_is_quiet if {
	vendor := object.union(build, {"flags": [{"name": "mod", "value": "vendor"}]})
	d := doc([copy(3, ["."]), run(4, [vendor], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_no_whole_context_copy_is_quiet if {
	d := doc([copy(3, ["cmd/", "internal/"]), run(4, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}
