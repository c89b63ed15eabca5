# METADATA
# title: go build or go mod download without BuildKit cache mounts
# description: |
#   Without `RUN --mount=type=cache` the module cache (/go/pkg/mod) and the
#   build cache (/root/.cache/go-build) live in the layer: whenever the layer
#   is rebuilt, every module is downloaded and every package compiled again
#   from nothing. Cache mounts keep both across builds (and out of the
#   image), so a one-line change recompiles one package. A `go mod download`
#   before a build without the module cache mount is reported with that
#   build, and fixed with it: a mount on the build alone would hide the
#   downloaded modules, a mount on the download alone would take them out
#   of the layer the build reads. When the build context shows that the
#   builds fetch no module (go.mod requires nothing outside the repository,
#   or vendor/modules.txt is there and no -mod=mod asks for the module
#   cache), only the build cache is asked for, and a `go mod download`
#   that has nothing to fetch is left alone.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-cache-mounts
# custom:
#   id: GD007
#   severity: info
#   fix_safety: safe
#   guide: "3"
#   since: 0.1.0
#   fix: Add `--mount=type=cache,target=/go/pkg/mod` (and, for builds, `--mount=type=cache,target=/root/.cache/go-build`) to the RUN.
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN go mod download
#     RUN go build -o /app .
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN --mount=type=cache,target=/go/pkg/mod go mod download
#     RUN --mount=type=cache,target=/go/pkg/mod \
#         --mount=type=cache,target=/root/.cache/go-build \
#         go build -o /app .
package golintdocker.rules.go_cache_mounts

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

deny contains finding if {
	some [s, i] in gobuilds.shipping_runs

	# The cache paths are Linux ones.
	not s.os == "windows"

	# A lone go mod download before a build without the module cache mount
	# is part of that build's finding: the mount on both or on neither.
	not unmounted_build_after(s, i)

	# [cache, where it is] of each cache the RUN needs and has no mount for.
	missing := [[c, dir] |
		some c in caches
		needs(i, c)
		v := setting_value(i, c)
		not has_mount(i, c, v)
		dir := cache_dir(v, c)
	]
	count(missing) > 0
	downloads := unmounted_downloads_before(s, i)
	cmds := {sprintf("`go %s`", [g.subcommand]) |
		some g in i.run.go
		some [c, _] in missing
		needs_cache(i, g, c)
	}
	finding := {
		"msg": concat("", [
			sprintf("RUN on line %d runs %s without a cache mount for %s: whenever this layer is rebuilt, %s", [i.line, concat(" and ", cmds), concat(" and ", [sprintf(description[c], [dir]) | some [c, dir] in missing]), concat(" and ", [effect[c] | some [c, _] in missing])]),
			downloads_msg(downloads),
		]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": fix_text(s, i, missing, downloads),
		"edits": edits_for(s, i, downloads),
	}
}

# The go mod download RUNs before the build RUN i with no module cache mount
# either (none when i has that mount): a mount on the build alone would
# hide the modules they put in the layer.
unmounted_downloads_before(s, i) := [d |
	needs(i, "mod")
	not has_mount(i, "mod", setting_value(i, "mod"))
	builds(i)
	some [st, d] in lone_downloads
	after(st, d, s, i)
]

# The RUNs that download modules with no mount, found once: a build RUN then
# looks only at these, not at every RUN (linear in the RUNs of a file).
lone_downloads := [[st, d] |
	some [st, d] in gobuilds.shipping_runs
	lone_download(d)
]

# RUN d downloads modules, builds nothing, and has no module cache mount.
lone_download(d) if {
	not builds(d)
	needs(d, "mod")
	not has_mount(d, "mod", setting_value(d, "mod"))
}

downloads_msg([]) := ""

downloads_msg(downloads) := sprintf("; `go mod download` on %s has no module cache mount either: it gets one with this RUN, since a mount on the build alone would hide the modules it downloaded", [line_list(downloads)]) if {
	count(downloads) > 0
}

line_list(runs) := concat(", ", [sprintf("line %d", [d.line]) | some d in runs])

fix_text(s, i, missing, []) := sprintf("Add %s to the RUN, and to the RUN that builds (no `go build` after it shows here), or to neither: on the download alone the modules leave the layer the build reads.", [concat(" and ", mount_list(missing))]) if {
	lone_download(i)
	not mount_alone_fits(s, i)
} else := sprintf("Add %s to the RUN.", [concat(" and ", mount_list(missing))])

fix_text(_, _, missing, downloads) := sprintf("Add %s to the RUN, and `--mount=type=cache,target=%s` to the `go mod download` RUN on %s: on the download alone the modules leave the layer, and on the build alone the mount hides them.", [concat(" and ", mount_list(missing)), cache_dir(setting_value(downloads[0], "mod"), "mod"), line_list(downloads)]) if {
	count(downloads) > 0
}

# The --mount flags for the caches RUN i lacks.
mounts_of(i) := concat("", [sprintf("--mount=type=cache,target=%s ", [dir]) |
	some c in caches
	needs(i, c)
	v := setting_value(i, c)
	not has_mount(i, c, v)
	dir := cache_dir(v, c)
])

mount_list(missing) := [sprintf("`--mount=type=cache,target=%s`", [dir]) | some [_, dir] in missing]

# The build's mounts and those of the downloads before it, all or none: a
# RUN whose mounts cannot be inserted leaves the rest without an edit. A
# lone download gets its mount only when a build after it has one: where
# the build is not a go build seen here (make, a script), mounting the
# download alone would take the modules from the build.
edits_for(s, i, downloads) := [] if {
	lone_download(i)
	not mount_alone_fits(s, i)
} else := [] if {
	some r in array.concat([i], downloads)
	count(edits(r, mounts_of(r))) == 0
} else := [e |
	some r in array.concat([i], downloads)
	some e in edits(r, mounts_of(r))
]

# A RUN after download RUN i (in its stage, or a stage built on it) builds
# with the module cache and has no mount for it.
unmounted_build_after(s, i) if {
	lone_download(i)
	some [st, j] in gobuilds.shipping_runs
	not st.os == "windows"
	after(s, i, st, j)
	needs(j, "mod")
	builds(j)
	not has_mount(j, "mod", setting_value(j, "mod"))
}

# A RUN after download RUN i builds with the module cache mounted: the
# download fills that cache.
mounted_build_after(s, i) if {
	some [st, j] in gobuilds.shipping_runs
	after(s, i, st, j)
	builds(j)
	has_mount(j, "mod", setting_value(j, "mod"))
}

# A mount on download RUN i alone takes nothing from a build: a build
# after it mounts the module cache, or the go builds after it read no
# module from the layer (vendor/).
mount_alone_fits(s, i) if mounted_build_after(s, i)

mount_alone_fits(s, i) if {
	later := [j | some [st, j] in gobuilds.shipping_runs; after(s, i, st, j); builds(j)]
	count(later) > 0
	every j in later {
		not needs(j, "mod")
	}
}

builds(i) if {
	some g in i.run.go
	gobuilds.binary(g)
}

after(s, i, st, j) if {
	st.index == s.index
	j.index > i.index
}

after(s, _, st, _) if {
	st.index != s.index
	s.index in stages.chain_positions(st)
}

effect := {"mod": "every module is downloaded again", "build": "every package is compiled from scratch"}

description := {"mod": "the module cache (%s)", "build": "the build cache (%s)"}

caches := ["mod", "build"]

uses_cache(g) if gobuilds.binary(g)

uses_cache(g) if g.subcommand == "mod download"

# go build/install and go mod download fill the module cache, unless the
# build reads vendor/ or the build context shows there is nothing to fetch
# (gobuilds.downloads_nothing: no requirement outside the repository, or a
# vendored module); builds also use the build cache.
needs(i, c) if {
	some g in i.run.go
	needs_cache(i, g, c)
}

needs_cache(i, g, "mod") if {
	uses_cache(g)
	not gobuilds.vendored(g)
	not gobuilds.downloads_nothing(i, g)
}

needs_cache(_, g, "build") if gobuilds.binary(g)

suffix := {"mod": "pkg/mod", "build": ".cache/go-build"}

setting := {"mod": "GOMODCACHE", "build": "GOCACHE"}

default_dir := {"mod": "/go/pkg/mod", "build": "/root/.cache/go-build"}

# With GOMODCACHE/GOCACHE (v) set, only a mount there helps; otherwise the
# default location under any GOPATH or HOME.
has_mount(i, c, null) if {
	some mt in i.run.mounts
	mt.type == "cache"
	endswith(paths.clean(mt.target), suffix[c])
}

# A mount of the module download cache alone (/go/pkg/mod/cache) keeps the
# downloads: nothing is fetched again.
has_mount(i, "mod", _) if {
	some mt in i.run.mounts
	mt.type == "cache"
	contains(paths.clean(mt.target), "pkg/mod/cache")
}

has_mount(i, _, v) if {
	v != null
	some mt in i.run.mounts
	mt.type == "cache"
	paths.clean(mt.target) == paths.clean(v)
}

# A cache mount of a directory above the cache (/root/.cache holds
# /root/.cache/go-build) keeps it too.
has_mount(i, c, v) if {
	some mt in i.run.mounts
	mt.type == "cache"
	parent := paths.clean(mt.target)
	parent != "/"
	startswith(cache_dir(v, c), concat("", [parent, "/"]))
}

# GOMODCACHE / GOCACHE as the RUN sees it (gobuilds.setting), or null.
setting_value(i, c) := v if {
	v := gobuilds.setting(i, setting[c])
} else := null

# Where the cache is: GOMODCACHE / GOCACHE (v) when set, else the golang
# image's.
cache_dir(v, c) := v if {
	v != null
	v != ""
} else := default_dir[c]

# The mounts go before the script: at the first command, when that is where
# the script starts (not inside if/for/a subshell) and there is no heredoc.
edits(i, mounts) := [findings.insert_at(first, mounts)] if {
	first := i.run.commands[0]
	first.exact
	count(object.get(i.run, "heredocs", [])) == 0
	not compound_start(object.get(i.run, "script", ""))
} else := []

compound_start(script) if regex.match(`^\s*([({!]|(if|for|while|until|case|select|function)\s)`, script)
