package golintdocker.tests.go_mod_download_order

import data.golintdocker.rules.go_mod_download_order

doc(instructions) := doc_in(repo, instructions)

# A known build context: a module with dependencies, go.sum beside it.
repo := {"dir": ".", "go_mod": {"module": "example.com/svc", "go": "1.24", "has_requires": true, "remote_requires": true, "error": ""}, "go_sum": true, "vendored": false}

doc_in(context, instructions) := {
	"final_stage": 0,
	"context": context,
	"stages": [{
		"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
		"instructions": [object.union(ins, {"index": n}) | some n, ins in instructions],
	}],
}

copy(line, sources) := {
	"cmd": "copy", "line": line, "end_line": line, "workdir": "/src", "env": {},
	"original": sprintf("COPY %s ./", [concat(" ", sources)]), "flags": [],
	"copy": {"sources": sources, "from": "", "dest": "./", "dest_path": "/src"},
}

run(line, go_cmds, mounts, flags) := {
	"cmd": "run", "line": line, "end_line": line, "workdir": "/src", "env": {}, "flags": flags,
	"run": {"mounts": mounts, "go": go_cmds, "commands": [{"name": "go"} | some _ in go_cmds], "heredocs": [], "shell_error": ""},
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

test_lone_download_after_copy_moves_the_copy_below_it if {
	d := doc([copy(3, ["."]), run(4, [download], [cache_mount], []), run(5, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.line == 3
	f.edits == [
		{"line": 3, "column": 0, "end_line": 3, "end_column": 0, "text": "COPY go.mod go.sum ./"},
		{"line": 5, "column": 1, "end_line": 5, "end_column": 1, "text": "COPY . ./\n"},
	]
	contains(f.fix, "move `COPY . ./` below the `go mod download` on line 4")
}

test_lone_download_after_go_mod_copy_moves_only_the_copy if {
	d := doc([copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [download], [], []), run(6, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits == [
		{"line": 4, "column": 1, "end_line": 5, "end_column": 1, "text": ""},
		{"line": 6, "column": 1, "end_line": 6, "end_column": 1, "text": "COPY . ./\n"},
	]
}

test_download_in_a_longer_run_gets_a_download_inserted if {
	d := doc([copy(3, ["."]), run(4, [download, build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits == [{"line": 3, "column": 1, "end_line": 3, "end_column": 1, "text": "COPY go.mod go.sum ./\nRUN go mod download\n"}]
}

test_download_after_a_setting_is_not_moved_or_inserted if {
	env := {"cmd": "env", "line": 4, "end_line": 4, "workdir": "/src", "flags": []}
	dl := object.union(run(5, [download], [], []), {"env": {"GOPRIVATE": "example.com/*"}})
	d := doc([copy(3, ["."]), env, dl, run(6, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits == []
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

with_go_mod(fields) := object.union(repo, {"go_mod": object.union(repo.go_mod, fields)})

test_unknown_context_is_quiet_about_the_whole_tree if {
	d := doc_in(null, [copy(3, ["."]), run(4, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_context_without_go_mod_is_quiet_about_the_whole_tree if {
	d := doc_in({"dir": ".", "go_mod": null, "go_sum": false, "vendored": false}, [copy(3, ["."]), run(4, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_unknown_context_late_download_still_fires if {
	d := doc_in(null, [copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [download, build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.line == 4
}

test_unknown_context_go_sum_copied_fires if {
	d := doc_in(null, [copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	contains(f.msg, "go.mod is copied on line 3")
}

test_unknown_context_go_mod_alone_is_quiet if {
	d := doc_in(null, [copy(3, ["go.*"]), copy(4, ["."]), run(5, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_no_dependencies_is_quiet if {
	for_each := [
		[copy(3, ["."]), run(4, [build], [], [])],
		[copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [build], [], [])],
		[copy(3, ["go.mod"]), copy(4, ["."]), run(5, [download, build], [], [])],
	]
	every instrs in for_each {
		count(go_mod_download_order.deny) == 0 with input as doc_in(with_go_mod({"has_requires": false, "remote_requires": false}), instrs)
		count(go_mod_download_order.deny) == 0 with input as doc_in(with_go_mod({"remote_requires": false}), instrs)
	}
}

test_vendored_context_is_quiet_unless_built_in_module_mode if {
	vendored := object.union(repo, {"vendored": true})
	count(go_mod_download_order.deny) == 0 with input as doc_in(vendored, [copy(3, ["."]), run(4, [build], [], [])])
	mod_mode := object.union(build, {"flags": [{"name": "mod", "value": "mod"}]})
	count(go_mod_download_order.deny) == 1 with input as doc_in(vendored, [copy(3, ["."]), run(4, [mod_mode], [], [])])
	goflags := object.union(build, {"env": {"GOFLAGS": "-trimpath -mod=readonly"}})
	count(go_mod_download_order.deny) == 1 with input as doc_in(vendored, [copy(3, ["."]), run(4, [goflags], [], [])])
}

test_no_go_sum_no_go_sum_in_the_fix if {
	d := doc_in(object.union(repo, {"go_sum": false}), [copy(3, ["."]), run(4, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits[0].text == "COPY go.mod ./\nRUN go mod download\n"
	contains(f.fix, "`COPY go.mod ./`")
	not contains(f.fix, "go.sum")
}

test_go_mod_that_does_not_parse_is_not_trusted if {
	d := doc_in(with_go_mod({"error": "go.mod:3: unknown directive", "remote_requires": false}), [copy(3, ["."]), run(4, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
	d2 := doc_in(with_go_mod({"error": "go.mod:3: unknown directive", "remote_requires": false}), [copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [build], [], [])])
	count(go_mod_download_order.deny) == 1 with input as d2
}

test_fix_names_the_destination_outside_the_workdir if {
	c := object.union(copy(3, ["."]), {"workdir": "", "copy": {"dest": "/dockerbuild", "dest_path": "/dockerbuild"}})
	some f in go_mod_download_order.deny with input as doc([c, run(4, [build], [], [])])
	f.fix == "Insert `COPY go.mod go.sum /dockerbuild/` and `RUN cd /dockerbuild && go mod download` before line 3, so the modules are downloaded where the sources go."
	f.edits == []
}

# A module whose go.mod replaces modules by directories of the context.
with_replaces(replaces) := with_go_mod({"local_replaces": replaces})

lib := {"module": "example.com/svc/lib", "dir": "./lib", "path": "lib", "go_mod": true}

proto := {"module": "example.com/svc/proto", "dir": "./api/proto/", "path": "api/proto", "go_mod": true}

test_local_replace_insert_copies_the_replaced_go_mod if {
	d := doc_in(with_replaces([proto, lib]), [copy(3, ["."]), run(4, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits == [{"line": 3, "column": 1, "end_line": 3, "end_column": 1, "text": "COPY go.mod go.sum ./\nCOPY api/proto/go.mod api/proto/\nCOPY lib/go.mod lib/\nRUN go mod download\n"}]
	endswith(f.fix, " go.mod replaces modules by ./api/proto/, ./lib: `go mod download` reads their go.mod, so copy `api/proto/go.mod`, `lib/go.mod` before it too, or it fails.")
}

test_local_replace_move_puts_the_replaced_go_mod_in_place if {
	d := doc_in(with_replaces([lib]), [copy(3, ["."]), run(4, [download], [], []), run(5, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits == [
		{"line": 3, "column": 0, "end_line": 3, "end_column": 0, "text": "COPY go.mod go.sum ./\nCOPY lib/go.mod lib/"},
		{"line": 5, "column": 1, "end_line": 5, "end_column": 1, "text": "COPY . ./\n"},
	]
	contains(f.fix, "`lib/go.mod`")
}

test_local_replace_after_go_mod_copy_the_copy_becomes_the_replaced_go_mod if {
	d := doc_in(with_replaces([lib]), [copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [download], [], []), run(6, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	f.edits == [
		{"line": 4, "column": 0, "end_line": 4, "end_column": 0, "text": "COPY lib/go.mod lib/"},
		{"line": 6, "column": 1, "end_line": 6, "end_column": 1, "text": "COPY . ./\n"},
	]
}

test_local_replace_out_of_reach_is_quiet if {
	instrs := [copy(3, ["."]), run(4, [build], [], [])]
	for_each := [
		{"module": "example.com/shared", "dir": "../shared", "path": "", "go_mod": false},
		{"module": "example.com/abs", "dir": "/opt/abs", "path": "", "go_mod": false},
		object.union(lib, {"go_mod": false}),
	]
	every r in for_each {
		count(go_mod_download_order.deny) == 0 with input as doc_in(with_replaces([lib, r]), instrs)
		count(go_mod_download_order.deny) == 0 with input as doc_in(with_replaces([r]), [copy(3, ["go.mod", "go.sum"]), copy(4, ["."]), run(5, [download, build], [], [])])
	}
}

test_local_replace_copied_before_the_download_is_quiet if {
	d := doc_in(with_replaces([lib]), [copy(3, ["go.mod", "go.sum"]), copy(4, ["lib/go.mod"]), run(5, [download], [], []), copy(6, ["."]), run(7, [build], [], [])])
	count(go_mod_download_order.deny) == 0 with input as d
}

test_without_local_replaces_no_note if {
	d := doc_in(with_replaces([]), [copy(3, ["."]), run(4, [build], [], [])])
	some f in go_mod_download_order.deny with input as d
	not contains(f.fix, "replaces")
	f.edits[0].text == "COPY go.mod go.sum ./\nRUN go mod download\n"
}
