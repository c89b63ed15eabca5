# METADATA
# title: The whole source tree is copied before the modules are downloaded
# description: |
#   `COPY . .` comes before any dependency step, so every edit to any source
#   file invalidates the layer cache from there on and the next build
#   downloads every module again. Copying go.mod and go.sum first and running
#   `go mod download` before `COPY . .` keeps the dependency layer cached
#   until the dependencies themselves change.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-mod-download-order
# custom:
#   id: GD003
#   severity: warning
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

import data.golintdocker.lib

deny contains finding if {
	some s in lib.shipping_stages
	seq := lib.chain_sequence(s)
	not vendored(seq)
	some c in seq
	whole_context_copy(c.i)
	some b in seq
	b.pos > c.pos
	some g in b.i.run.go
	lib.builds_local(g)
	not dependency_step_before(seq, c.pos)
	finding := {
		"msg": message(seq, c),
		"line": c.i.line,
		"end_line": c.i.end_line,
		"fix": fix_text(seq, c),
		"edits": edits(seq, c),
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

# Dependencies first: go.mod copied, then go mod download, both before pos;
# or go mod download with go.mod bind-mounted.
dependency_step_before(seq, pos) if {
	some m in seq
	m.pos < pos
	copies_go_mod(m.i)
	some r in seq
	m.pos < r.pos
	r.pos < pos
	runs_mod_download(r.i)
}

dependency_step_before(seq, pos) if {
	some r in seq
	r.pos < pos
	runs_mod_download(r.i)
	some mt in r.i.run.mounts
	mt.type == "bind"
	mounts_go_mod(mt)
}

mounts_go_mod(mt) if endswith(mt.source, "go.mod")

mounts_go_mod(mt) if endswith(mt.target, "go.mod")

# -mod=vendor builds read modules from vendor/: nothing to download.
vendored(seq) if {
	some e in seq
	some g in e.i.run.go
	lib.builds_binary(g)
	some f in g.flags
	f.name == "mod"
	f.value == "vendor"
}

vendored(seq) if {
	some e in seq
	some g in e.i.run.go
	lib.builds_binary(g)
	contains(object.get(object.get(g, "env", {}), "GOFLAGS", ""), "-mod=vendor")
}

go_mod_copy(seq, c) := m if {
	copies := [m |
		some m in seq
		m.pos < c.pos
		copies_go_mod(m.i)
	]
	count(copies) > 0
	m := copies[count(copies) - 1]
}

download_after(seq, c) := r if {
	downloads := [r |
		some r in seq
		r.pos > c.pos
		runs_mod_download(r.i)
	]
	count(downloads) > 0
	r := downloads[0]
}

message(seq, c) := sprintf("`go mod download` runs only on line %d, after `%s` on line %d: any source change invalidates the cached module download", [r.i.line, c.i.original, c.i.line]) if {
	r := download_after(seq, c)
} else := sprintf("go.mod is copied on line %d but `go mod download` does not run before `%s` on line %d: any source change invalidates the cached modules", [m.i.line, c.i.original, c.i.line]) if {
	m := go_mod_copy(seq, c)
} else := sprintf("`%s` on line %d copies the whole source tree before the modules are downloaded: any source change invalidates every layer after it and the build downloads every module again", [c.i.original, c.i.line])

fix_text(seq, c) := sprintf("Move `RUN go mod download` above line %d, right after the go.mod/go.sum COPY.", [c.i.line]) if {
	download_after(seq, c)
	go_mod_copy(seq, c)
} else := sprintf("Add `RUN go mod download` after the go.mod/go.sum COPY, before line %d.", [c.i.line]) if {
	go_mod_copy(seq, c)
} else := sprintf("Insert `COPY go.mod go.sum ./` and `RUN go mod download` before line %d.", [c.i.line])

# The insertion only when the stage never copies go.mod (otherwise the fix
# is a move) and the COPY lands in the WORKDIR, where go mod download runs.
edits(seq, c) := [lib.insert_at({"line": c.i.line, "column": 1}, sprintf("COPY go.mod go.sum ./\n%s\n", [download_run(seq, c)]))] if {
	not any_go_mod_copy(seq)
	into_workdir(c.i)
} else := []

any_go_mod_copy(seq) if {
	some m in seq
	copies_go_mod(m.i)
}

into_workdir(i) if i.copy.dest in {".", "./"}

into_workdir(i) if {
	i.workdir != ""
	lib.clean_path(i.copy.dest_path) == lib.clean_path(i.workdir)
}

# When the builds use a module cache mount, the download must fill the same
# cache, or the mount hides the downloaded layer from the build.
download_run(seq, c) := sprintf("RUN --mount=type=cache,target=%s go mod download", [targets[0]]) if {
	targets := [mt.target |
		some b in seq
		b.pos > c.pos
		some g in b.i.run.go
		lib.builds_binary(g)
		some mt in b.i.run.mounts
		mt.type == "cache"
		endswith(lib.clean_path(mt.target), "pkg/mod")
	]
	count(targets) > 0
} else := "RUN go mod download"
