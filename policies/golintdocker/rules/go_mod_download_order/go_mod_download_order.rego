# METADATA
# title: The whole source tree is copied before the modules are downloaded
# description: |
#   `COPY . .` comes before any dependency step, so every edit to any source
#   file invalidates the layer cache from there on and the next build
#   downloads every module again. Copying go.mod and go.sum first and running
#   `go mod download` before `COPY . .` keeps the dependency layer cached
#   until the dependencies themselves change. Nothing is said to a module
#   that has nothing to download (vendored, or no dependency outside the
#   repository), nor, when the build context is unknown, where only its
#   go.mod would tell. When go.mod replaces modules by directories
#   (`replace example.com/lib => ./lib`), `go mod download` reads their
#   go.mod too and fails without them: the fix copies `lib/go.mod` with
#   go.mod and go.sum, and nothing is said where such a directory is out
#   of the context's reach (`../shared`, an absolute path, missing, or
#   excluded by the .dockerignore).
#
#   The fix moves a `RUN go mod download` of its own (flags, mounts and
#   all) that comes right after `COPY . .`, by moving `COPY . .` below it,
#   with go.mod and go.sum copied in its place. Elsewhere (inside a longer
#   RUN such as `go mod download && go build`, or further down) a download
#   step is inserted before `COPY . .` and the later one is left as
#   written: it finds every module in the layer and costs nothing, and a
#   shell line is not rewritten behind the user's back. No edit is offered
#   where an ENV, ARG or WORKDIR between the two would make the new
#   download run differently.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-mod-download-order
# custom:
#   id: GD003
#   severity: warning
#   fix_safety: safe
#   guide: "1.3"
#   since: 0.1.0
#   fix: Copy go.mod and go.sum and run `go mod download` before `COPY . .` (`COPY go.mod go.sum ./`, `RUN go mod download`, then `COPY . .`).
#   bad: |
#     FROM golang:1.27-alpine AS build
#     WORKDIR /src
#     COPY . .
#     RUN go build -o /app ./cmd/app
#   good: |
#     FROM golang:1.27-alpine AS build
#     WORKDIR /src
#     COPY go.mod go.sum ./
#     RUN go mod download
#     COPY . .
#     RUN go build -o /app ./cmd/app
package golintdocker.rules.go_mod_download_order

import data.golintdocker.lib.files
import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

deny contains finding if {
	count(gobuilds.runs) > 0
	count(whole_by_stage) > 0
	some s in stages.shipping
	some [pos, c] in whole_copies(s)
	last := last_local_build(s)
	last != null
	pos < last
	not vendored(s)
	not replace_out_of_reach
	not dependency_step_before(s, pos)
	worth_saying(s, pos)
	finding := {
		"msg": message(s, pos, c),
		"line": c.line,
		"end_line": c.end_line,
		"fix": fix_text(s, pos, c),
		"edits": edits(s, pos, c),
	}
}

whole_context_sources := {".", "./", "*", "./*"}

whole_context_copy(i) if {
	i.cmd in {"copy", "add"}
	i.copy.from == ""
	some src in i.copy.sources
	src in whole_context_sources
}

copies_go_mod(i) if {
	i.cmd in {"copy", "add"}
	i.copy.from == ""
	some src in i.copy.sources
	not src in whole_context_sources
	parts := split(src, "/")
	glob.match(parts[count(parts) - 1], [], "go.mod")
}

runs_mod_download(i) if {
	some g in i.run.go
	g.subcommand == "mod download"
}

# The instructions that matter here by stage index (once per query, from the
# COPY/ADD and go RUN lists of lib; grouped through comprehension indexing):
# [index, instruction].
whole_by_stage := {k: list |
	some [k, _] in whole_context_copies
	list := [[i.index, i] | some [stage, i] in whole_context_copies; stage = k]
}

whole_context_copies := [[s.index, i] |
	some [s, i] in files.copies
	i.copy.from == ""
	whole_context_copy(i)
]

go_mod_by_stage := {k: list |
	some [k, _] in go_mod_copy_list
	list := [[i.index, i] | some [stage, i] in go_mod_copy_list; stage = k]
}

go_mod_copy_list := [[s.index, i] |
	some [s, i] in files.copies
	i.copy.from == ""
	copies_go_mod(i)
]

go_runs_by_stage := {k: list |
	some [s, _] in gobuilds.runs
	k := s.index
	list := [[i.index, i] | some [stage, i] in gobuilds.runs; stage.index = k]
}

# The same along the chain of s, oldest first, as [position, instruction]
# where the position is [depth from the root, index] (arrays compare
# element by element). Each list is
# computed once per stage, so the rule stays linear in the instructions
# however many COPY . . it reports.
whole_copies(s) := along_chain(s, whole_by_stage)

go_mod_copies(s) := along_chain(s, go_mod_by_stage)

go_runs(s) := along_chain(s, go_runs_by_stage)

along_chain(s, by_stage) := sort([[[k, idx], i] |
	some k, st in array.reverse(stages.chain(s))
	some [idx, i] in by_stage[st.index]
])

downloads(s) := [[pos, i] | some [pos, i] in go_runs(s); runs_mod_download(i)]

# Where the last build of the local module is, or null.
last_local_build(s) := max(found) if {
	found := [pos |
		some [pos, i] in go_runs(s)
		some g in i.run.go
		gobuilds.local(g)
	]
	count(found) > 0
} else := null

# -mod=vendor builds read modules from vendor/: nothing to download. So do
# builds of a module with vendor/modules.txt in the context (Go 1.14+), unless
# a build says -mod=mod or -mod=readonly.
vendored(s) if {
	some [_, i] in go_runs(s)
	some g in i.run.go
	gobuilds.vendored(g)
} else if {
	input.context.vendored == true
	not module_mode(s)
} else := false

module_mode(s) if {
	some [_, i] in go_runs(s)
	some g in i.run.go
	gobuilds.module_mode(g)
}

# Whether the module has modules to download. The context's go.mod says it
# when the context is known; otherwise a Dockerfile that copies go.sum, which
# only a module with dependencies has, does.
go_mod := gobuilds.context_go_mod

downloads_modules if go_mod.remote_requires == true

downloads_modules if {
	not go_mod
	copies_go_sum
}

no_modules if go_mod.remote_requires == false

# go.mod's replace directives that point to a directory. `go mod download`
# loads the module graph, which reads each such directory's go.mod: with
# go.mod and go.sum alone in the stage it fails, so the dependency step
# must copy those go.mod files too.
local_replaces := object.get(m, "local_replaces", []) if m := go_mod

else := []

# A directory a replace directive points to whose go.mod the build context
# cannot bring (above the context's root, absolute, missing, or excluded by
# the .dockerignore): however the build gets it, a download before the
# whole tree is copied is not what this rule can show to work.
replace_out_of_reach if {
	some r in local_replaces
	not r.go_mod
}

# The directories, inside the context, whose go.mod the download needs.
replaced_dirs := sort({r.path | some r in local_replaces; r.path != "."})

# The COPY lines that bring their go.mod files into the WORKDIR.
replaced_copies := [sprintf("COPY %s/go.mod %s/", [p, p]) | some p in replaced_dirs]

replaced_note := "" if count(replaced_dirs) == 0

else := sprintf(" go.mod replaces modules by %s: `go mod download` reads their go.mod, so copy %s before it too, or it fails.", [
	concat(", ", sorted_dirs_as_written),
	concat(", ", [sprintf("`%s/go.mod`", [p]) | some p in replaced_dirs]),
])

sorted_dirs_as_written := sort({r.dir | some r in local_replaces; r.path != "."})

copies_go_sum if {
	some [_, i] in files.copies
	i.copy.from == ""
	some src in i.copy.sources
	parts := split(src, "/")
	parts[count(parts) - 1] == "go.sum"
}

# Per message, what must be known: a download after the COPY shows there
# is something to download, unless go.mod says otherwise; go.mod copied on
# its own needs the modules to be known; the whole tree alone needs go.mod.
worth_saying(s, pos) if {
	download_after(s, pos)
	not no_modules
} else if {
	not download_after(s, pos)
	go_mod_copy(s, pos)
	downloads_modules
} else if {
	not download_after(s, pos)
	not go_mod_copy(s, pos)
	go_mod.remote_requires == true
}

# Dependencies first: go.mod copied, then go mod download, both before pos;
# or go mod download with go.mod bind-mounted.
dependency_step_before(s, pos) if {
	ready := dependency_ready(s)
	ready != null
	ready < pos
}

# The first position after which the dependencies are in place, or null:
# the first go mod download after the first go.mod COPY, or the first one
# with go.mod bind-mounted.
dependency_ready(s) := min(found) if {
	found := [pos | some pos in [download_after_go_mod(s), bind_mounted_download(s)]; pos != null]
	count(found) > 0
} else := null

download_after_go_mod(s) := min(found) if {
	first := min([pos | some [pos, _] in go_mod_copies(s)])
	found := [pos | some [pos, _] in downloads(s); pos > first]
	count(found) > 0
} else := null

bind_mounted_download(s) := min(found) if {
	found := [pos |
		some [pos, i] in downloads(s)
		some mt in i.run.mounts
		mt.type == "bind"
		mounts_go_mod(mt)
	]
	count(found) > 0
} else := null

mounts_go_mod(mt) if endswith(mt.source, "go.mod")

mounts_go_mod(mt) if endswith(mt.target, "go.mod")

# For each whole-context COPY of s, how many entries of a list (sorted by
# position) come before it: one sort, not one scan per COPY.
downloads_before(s) := before(whole_positions(s), [pos | some [pos, _] in downloads(s)])

go_mod_copies_before(s) := before(whole_positions(s), [pos | some [pos, _] in go_mod_copies(s)])

cache_mounts_before(s) := before(whole_positions(s), [pos | some [pos, _] in cache_mounts(s)])

whole_positions(s) := [pos | some [pos, _] in whole_copies(s)]

# {w: the number of positions of es before w} for each position w of ws
# (both sorted, without duplicates; a position of es equal to w is not
# before it).
before(ws, es) := {w: n |
	rank := {x: r | some r, x in ws}
	merged := sort(array.concat([[x, 0] | some x in ws], [[x, 1] | some x in es]))
	some k, e in merged
	e[1] == 0
	w := e[0]
	n := k - rank[w]
}

# The last go.mod COPY before the whole-context COPY at pos.
go_mod_copy(s, pos) := go_mod_copies(s)[go_mod_copies_before(s)[pos] - 1][1]

# The first go mod download after it.
download_after(s, pos) := downloads(s)[downloads_before(s)[pos]][1]

message(s, pos, c) := sprintf("`go mod download` runs only on line %d, after `%s` on line %d: any source change invalidates the cached module download", [r.line, c.original, c.line]) if {
	r := download_after(s, pos)
} else := sprintf("go.mod is copied on line %d but `go mod download` does not run before `%s` on line %d: any source change invalidates the cached modules", [m.line, c.original, c.line]) if {
	m := go_mod_copy(s, pos)
} else := sprintf("`%s` on line %d copies the whole source tree before the modules are downloaded: any source change invalidates every layer after it and the build downloads every module again", [c.original, c.line])

fix_text(s, pos, c) := concat("", [fix_steps(s, pos, c), replaced_note])

fix_steps(s, pos, c) := sprintf("Put `%s` in place of `%s` on line %d and move `%s` below the `go mod download` on line %d.", [copy_go_mod, c.original, c.line, c.original, r.line]) if {
	count(go_mod_copies(s)) == 0
	r := lone_download(s, pos, c)
} else := sprintf("Move `%s` from line %d below the `go mod download` on line %d, which then runs right after the go.mod/go.sum COPY.", [c.original, c.line, r.line]) if {
	go_mod_copy(s, pos)
	r := lone_download(s, pos, c)
} else := sprintf("Copy go.mod and go.sum before `%s` on line %d, and move the `go mod download` on line %d above it together with the settings it needs.", [c.original, c.line, r.line]) if {
	r := download_after(s, pos)
	not insert_fits(s, pos, c)
} else := sprintf("Move `RUN go mod download` above line %d, right after the go.mod/go.sum COPY.", [c.line]) if {
	download_after(s, pos)
	go_mod_copy(s, pos)
} else := sprintf("Add `RUN go mod download` after the go.mod/go.sum COPY, before line %d.", [c.line]) if {
	go_mod_copy(s, pos)
} else := sprintf("Insert `%s` and `RUN go mod download` before line %d.", [copy_go_mod, c.line]) if {
	into_workdir(c)
} else := sprintf("Insert `COPY %s %s/` and `RUN cd %s && go mod download` before line %d, so the modules are downloaded where the sources go.", [go_mod_files, dir, dir, c.line]) if {
	dir := trim_suffix(paths.clean(c.copy.dest_path), "/")
	dir != ""
} else := sprintf("Insert `%s` and `RUN go mod download` before line %d, in the directory the sources are copied to.", [copy_go_mod, c.line])

# go.sum only where the context has one.
go_mod_files := "go.mod go.sum" if input.context.go_sum == true

else := "go.mod"

copy_go_mod := sprintf("COPY %s ./", [go_mod_files])

# What a dependency step copies into the WORKDIR before the download, one
# line each (no trailing newline).
copy_go_mod_lines := concat("\n", array.concat([copy_go_mod], replaced_copies))

# The edits, when the COPY lands in the WORKDIR, where go mod download runs.
# A download RUN of its own right after the COPY (lone_download) is moved
# above it, by moving the COPY below it: the RUN keeps its flags, mounts,
# continuation lines and comments, and no second download is left behind.
# Otherwise, when the stage never copies go.mod, go.mod and a download are
# inserted; a download inside a longer RUN (`go mod download && go build`)
# stays, costing nothing once the modules are in the layer.
edits(s, pos, c) := array.concat(head, [
	findings.insert_at({"line": r.end_line + 1, "column": 1}, sprintf("%s\n", [c.original])),
]) if {
	into_workdir(c)
	r := lone_download(s, pos, c)
	head := move_head(s, pos, c)
} else := [findings.insert_at({"line": c.line, "column": 1}, sprintf("%s\n%s\n", [copy_go_mod_lines, download_run(s, pos)]))] if {
	count(go_mod_copies(s)) == 0
	into_workdir(c)
	insert_fits(s, pos, c)
} else := []

# An inserted download runs where the later one does: in its stage, its
# WORKDIR, with its ARG and ENV values (an `ENV GOPRIVATE` or `ARG
# GOPROXY` between the two would not reach it).
insert_fits(s, pos, _) if not download_after(s, pos)

insert_fits(s, pos, c) if {
	[rpos, r] := downloads(s)[downloads_before(s)[pos]]
	rpos[0] == pos[0]
	r.workdir == c.workdir
	r.env == c.env
}

# What takes the COPY's place: go.mod and go.sum when no go.mod is copied
# yet, else the go.mod of the directories go.mod's replace directives
# point to, else nothing (its lines go, line break included).
move_head(s, pos, c) := [findings.replace_lines(c, copy_go_mod_lines)] if {
	count(go_mod_copies(s)) == 0
} else := [findings.replace_lines(c, concat("\n", replaced_copies))] if {
	count(replaced_dirs) > 0
	m := go_mod_copy(s, pos)
	into_workdir(m)
	m.workdir == c.workdir
} else := [findings.replace_span({"line": c.line, "column": 1, "end_line": c.end_line + 1, "end_column": 1}, "")] if {
	m := go_mod_copy(s, pos)
	into_workdir(m)
	m.workdir == c.workdir
}

# The first download after the COPY at pos when moving it above the COPY
# changes nothing but the cache: a RUN whose only command is `go mod
# download` (flags, mounts and inline variables allowed), the very next
# instruction of the same stage, in the same WORKDIR; and the COPY is one
# line, so that it moves as written.
lone_download(s, pos, c) := r if {
	[rpos, r] := downloads(s)[downloads_before(s)[pos]]
	rpos[0] == pos[0]
	r.index == c.index + 1
	r.workdir == c.workdir
	c.line == c.end_line
	count(r.run.commands) == 1
	count(r.run.go) == 1
	count(r.run.heredocs) == 0
	r.run.shell_error == ""
}

into_workdir(i) if i.copy.dest in {".", "./"}

into_workdir(i) if {
	i.workdir != ""
	paths.clean(i.copy.dest_path) == paths.clean(i.workdir)
}

# When the builds use a module cache mount, the download must fill the same
# cache, or the mount hides the downloaded layer from the build.
download_run(s, pos) := sprintf("RUN --mount=type=cache,target=%s go mod download", [target]) if {
	target := cache_mounts(s)[cache_mounts_before(s)[pos]][1]
} else := "RUN go mod download"

# The go builds with a module cache mount: [position, the first such
# mount's target].
cache_mounts(s) := [[pos, targets[0]] |
	some [pos, i] in go_runs(s)
	builds(i)
	targets := [mt.target |
		some mt in i.run.mounts
		mt.type == "cache"
		endswith(paths.clean(mt.target), "pkg/mod")
	]
	count(targets) > 0
]

builds(i) if {
	some g in i.run.go
	gobuilds.binary(g)
}
