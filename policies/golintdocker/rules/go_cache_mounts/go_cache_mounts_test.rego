package golintdocker.tests.go_cache_mounts

import data.golintdocker.rules.go_cache_mounts

doc(run, env) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "used_by_final": true, "built": true,
			"instructions": [{"index": 0, "cmd": "run", "line": 4, "end_line": 5, "flags": [], "env": env, "run": run}],
		},
		{"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true, "instructions": []},
	],
}

first_cmd := {"name": "go", "line": 5, "column": 5, "end_line": 5, "end_column": 40, "exact": true}

run(go_cmds, mounts) := {
	"mounts": mounts, "heredocs": [], "script": "go build -o /app .",
	"commands": [first_cmd], "go": go_cmds, "context_go_mod": false,
}

build := {"subcommand": "build", "flags": [], "env": {}}

download := {"subcommand": "mod download", "flags": [], "env": {}}

cache(target) := {"type": "cache", "target": target, "source": ""}

test_build_without_mounts_fires_with_edit if {
	some f in go_cache_mounts.deny with input as doc(run([build], []), {})
	f.line == 4
	contains(f.msg, "module cache (/go/pkg/mod) and the build cache (/root/.cache/go-build)")
	f.edits == [{
		"line": 5, "column": 5, "end_line": 5, "end_column": 5,
		"text": "--mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build ",
	}]
}

test_download_needs_only_module_cache if {
	some f in go_cache_mounts.deny with input as doc(run([download], []), {})
	contains(f.msg, "`go mod download`")
	not contains(f.msg, "build cache")
}

# No go build after the download shows here (make, a script builds): a
# mount on the download alone would take the modules from that build, so
# the fix says to mount both, and offers no edit.
test_download_without_a_seen_build_has_no_edit if {
	some f in go_cache_mounts.deny with input as doc(run([download], []), {})
	contains(f.fix, "and to the RUN that builds (no `go build` after it shows here), or to neither")
	f.edits == []
}

test_build_cache_missing_only if {
	some f in go_cache_mounts.deny with input as doc(run([build], [cache("/go/pkg/mod/")]), {})
	not contains(f.msg, "module cache")
	contains(f.msg, "build cache")
}

# The build cache mounted and not the module cache: the build still
# fetches its modules (nothing says they are vendored or already there).
test_build_with_only_build_cache_fires_for_modules if {
	some f in go_cache_mounts.deny with input as doc(run([build], [cache("/root/.cache/go-build")]), {})
	contains(f.msg, "module cache")
	not contains(f.msg, "build cache")
}

test_download_with_only_build_cache_fires if {
	some f in go_cache_mounts.deny with input as doc(run([download], [cache("/root/.cache/go-build")]), {})
	contains(f.msg, "module cache")
}

test_gomodcache_setting_is_used if {
	g := object.union(build, {"env": {"GOMODCACHE": "/cache/mod"}})
	some f in go_cache_mounts.deny with input as doc(run([g], [cache("/go/pkg/mod"), cache("/root/.cache/go-build")]), {})
	contains(f.msg, "module cache (/cache/mod)")
	f.edits[0].text == "--mount=type=cache,target=/cache/mod "
}

test_heredoc_has_no_edit if {
	r := object.union(run([build], []), {"heredocs": [{"name": "EOF"}]})
	some f in go_cache_mounts.deny with input as doc(r, {})
	f.edits == []
}

test_if_script_has_no_edit if {
	r := object.union(run([build], []), {"script": "if [ -d cmd ]; then go build ./cmd; fi"})
	some f in go_cache_mounts.deny with input as doc(r, {})
	f.edits == []
}

test_both_mounts_are_quiet if {
	count(go_cache_mounts.deny) == 0 with input as doc(run([build], [cache("/go/pkg/mod"), cache("/root/.cache/go-build")]), {})
}

# moby and buildkit mount /root/.cache, which holds the build cache.
test_mount_of_a_parent_directory_is_quiet if {
	count(go_cache_mounts.deny) == 0 with input as doc(run([build], [cache("/go/pkg/mod"), cache("/root/.cache")]), {})
}

test_mount_of_root_does_not_count if {
	some f in go_cache_mounts.deny with input as doc(run([build], [cache("/go/pkg/mod"), cache("/")]), {})
	contains(f.msg, "build cache")
}

test_vendored_build_needs_only_build_cache if {
	g := object.union(build, {"flags": [{"name": "mod", "value": "vendor"}]})
	count(go_cache_mounts.deny) == 0 with input as doc(run([g], [cache("/root/.cache/go-build")]), {})
}

# go mod download alone, then a build without a mount: a mount on the
# download only would move the modules out of the layer the build reads,
# and a mount on the build only would hide them. Both or neither: the
# download is part of the build's finding, whose edits mount both.
with_later(first, later_run) := object.union(d, {"stages": stages}) if {
	d := doc(first, {})
	cmd := object.union(first_cmd, {"line": 7, "end_line": 7})
	later := {"index": 1, "cmd": "run", "line": 7, "end_line": 7, "flags": [], "env": {}, "run": object.union(later_run, {"commands": [cmd]})}
	stages := [object.union(d.stages[0], {"instructions": array.concat(d.stages[0].instructions, [later])}), d.stages[1]]
}

test_lone_download_before_unmounted_build_is_fixed_with_it if {
	fs := go_cache_mounts.deny with input as with_later(run([download], []), run([build], []))
	count(fs) == 1
	some f in fs
	f.line == 7
	contains(f.msg, "`go mod download` on line 4 has no module cache mount either")
	contains(f.fix, "`--mount=type=cache,target=/go/pkg/mod` to the `go mod download` RUN on line 4")
	f.edits == [
		{
			"line": 7, "column": 5, "end_line": 7, "end_column": 5,
			"text": "--mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build ",
		},
		{
			"line": 5, "column": 5, "end_line": 5, "end_column": 5,
			"text": "--mount=type=cache,target=/go/pkg/mod ",
		},
	]
}

# When the download's mount cannot be inserted, the build gets none either.
test_download_without_edit_keeps_the_build_without_edit if {
	heredoc := object.union(run([download], []), {"heredocs": [{"name": "EOF"}]})
	fs := go_cache_mounts.deny with input as with_later(heredoc, run([build], []))
	some f in fs
	f.line == 7
	f.edits == []
}

test_lone_download_before_mounted_build_keeps_its_edit if {
	some f in go_cache_mounts.deny with input as with_later(run([download], []), run([build], [cache("/go/pkg/mod"), cache("/root/.cache/go-build")]))
	f.line == 4
	f.edits[0].text == "--mount=type=cache,target=/go/pkg/mod "
}

# The download cache alone (pkg/mod/cache) already saves the downloads.
test_download_cache_mount_is_enough if {
	count(go_cache_mounts.deny) == 0 with input as doc(run([download], [cache("/go/pkg/mod/cache")]), {})
}

# Windows images keep their caches elsewhere (C:\): no Linux paths.
test_windows_stage_is_quiet if {
	d := doc(run([build], []), {})
	count(go_cache_mounts.deny) == 0 with input as object.union(d, {"stages": [object.union(d.stages[0], {"os": "windows"}), d.stages[1]]})
}

# The build context: go.mod at its root (with_context sets its facts),
# copied into the first stage by a `COPY . .` on line 3, so the RUNs after
# it see it (run.context_go_mod).
with_context(d, context) := object.union(d, {"context": context, "stages": array.concat([first], array.slice(d.stages, 1, count(d.stages)))}) if {
	copy_all := {
		"index": 0, "cmd": "copy", "line": 3, "end_line": 3, "flags": [], "env": {},
		"copy": {"sources": ["."], "dest": ".", "from": ""},
	}
	moved := [object.union(i, {"index": i.index + 1, "run": {"context_go_mod": true}}) | some i in d.stages[0].instructions]
	first := object.union(d.stages[0], {"instructions": array.concat([copy_all], moved)})
}

# The same without the COPY: the module built is not known to be the
# context's.
test_context_module_must_be_copied if {
	some f in go_cache_mounts.deny with input as object.union(doc(run([build], []), {}), {"context": no_deps})
	contains(f.msg, "module cache (/go/pkg/mod)")
}

module_ctx(fields) := {"dir": ".", "vendored": false, "go_mod": object.union(
	{"module": "example.com/svc", "go": "1.24", "has_requires": true, "remote_requires": true, "local_replaces": [], "error": ""},
	fields,
)}

no_deps := module_ctx({"has_requires": false, "remote_requires": false})

vendored := object.union(module_ctx({}), {"vendored": true})

local_download := object.union(download, {"packages": []})

build_cache_edit := {"line": 5, "column": 5, "end_line": 5, "end_column": 5, "text": "--mount=type=cache,target=/root/.cache/go-build "}

test_module_without_dependencies_needs_only_build_cache if {
	every ctx in [no_deps, module_ctx({"remote_requires": false}), vendored] {
		some f in go_cache_mounts.deny with input as with_context(doc(run([build], []), {}), ctx)
		contains(f.msg, "without a cache mount for the build cache (/root/.cache/go-build)")
		not contains(f.msg, "module")
		f.fix == "Add `--mount=type=cache,target=/root/.cache/go-build` to the RUN."
		f.edits == [build_cache_edit]
	}
}

test_module_with_dependencies_needs_both if {
	some f in go_cache_mounts.deny with input as with_context(doc(run([build], []), {}), module_ctx({}))
	contains(f.msg, "module cache (/go/pkg/mod) and the build cache")
}

test_nothing_to_download_drops_the_download if {
	# In the build's RUN: only go build is named.
	some f in go_cache_mounts.deny with input as with_context(doc(run([local_download, build], []), {}), no_deps)
	contains(f.msg, "runs `go build` without a cache mount for the build cache")
	f.edits == [build_cache_edit]

	# In a RUN of its own: nothing to say about it, and the build's finding
	# does not pull it in.
	fs := go_cache_mounts.deny with input as with_context(with_later(run([local_download], []), run([build], [])), no_deps)
	count(fs) == 1
	some g in fs
	g.line == 7
	not contains(g.msg, "line 4")
	g.edits == [object.union(build_cache_edit, {"line": 7, "end_line": 7})]
	count(go_cache_mounts.deny) == 0 with input as with_context(doc(run([local_download], []), {}), no_deps)
}

test_remote_installs_and_named_downloads_still_need_the_module_cache if {
	install := {"subcommand": "install", "packages": ["golang.org/x/tools/cmd/stringer@v0.30.0"], "flags": [], "env": {}}
	some f in go_cache_mounts.deny with input as with_context(doc(run([install], []), {}), no_deps)
	contains(f.msg, "module cache (/go/pkg/mod)")
	named := object.union(download, {"packages": ["github.com/google/uuid@v1.6.0"]})
	some g in go_cache_mounts.deny with input as with_context(doc(run([named], []), {}), no_deps)
	contains(g.msg, "module cache (/go/pkg/mod)")
}

test_context_facts_do_not_apply_outside_the_module if {
	outside := object.union(build, {"outside_module": true})
	every ctx in [no_deps, vendored] {
		some f in go_cache_mounts.deny with input as with_context(doc(run([outside], []), {}), ctx)
		contains(f.msg, "module cache (/go/pkg/mod)")
	}
}

test_go_mod_that_does_not_parse_is_not_trusted if {
	ctx := module_ctx({"has_requires": false, "remote_requires": false, "error": "go.mod:3: unknown directive"})
	some f in go_cache_mounts.deny with input as with_context(doc(run([build], []), {}), ctx)
	contains(f.msg, "module cache (/go/pkg/mod)")
}

test_vendored_module_in_module_mode_needs_both if {
	every g in [
		object.union(build, {"flags": [{"name": "mod", "value": "mod"}]}),
		object.union(build, {"env": {"GOFLAGS": "-mod=readonly"}}),
	] {
		some f in go_cache_mounts.deny with input as with_context(doc(run([g], []), {}), vendored)
		contains(f.msg, "module cache (/go/pkg/mod) and the build cache")
	}
}

# A vendored module still downloads with go mod download, but its builds
# read vendor/: the download's mount takes nothing from them, so it gets
# its edit alone.
test_download_before_vendored_build_is_mounted_alone if {
	fs := go_cache_mounts.deny with input as with_context(with_later(run([local_download], []), run([build], [cache("/root/.cache/go-build")])), vendored)
	count(fs) == 1
	some f in fs
	f.line == 4
	f.fix == "Add `--mount=type=cache,target=/go/pkg/mod` to the RUN."
	f.edits == [{"line": 5, "column": 5, "end_line": 5, "end_column": 5, "text": "--mount=type=cache,target=/go/pkg/mod "}]
}
