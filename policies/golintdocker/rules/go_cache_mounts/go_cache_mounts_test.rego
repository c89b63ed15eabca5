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
	"commands": [first_cmd], "go": go_cmds,
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
