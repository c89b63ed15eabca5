# METADATA
# title: go install of a moving version (@latest, a branch) instead of a release
# description: |
#   `go install pkg@latest` (or @master, @main, @HEAD, a version prefix such
#   as @v1) installs whatever the module's newest commit or release is on
#   the day of the build: two builds of the same Dockerfile get different
#   tools, and a compromised or broken release reaches the image unseen.
#   A version (@v1.2.3) or a commit names one set of sources, which go.sum
#   and the checksum database then verify. In GOPATH mode (GO111MODULE=off)
#   go install without a version builds whatever the repository holds.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-install-unpinned
# custom:
#   id: GD033
#   severity: warning
#   since: 0.2.0
#   aliases: [DL3062]
#   fix: Name a release (pkg@v1.2.3, in an ARG if it changes), or add the tool to go.mod (go get -tool) and run `go install tool`.
#   bad: |
#     RUN go install github.com/go-delve/delve/cmd/dlv@latest
#   good: |
#     ARG DELVE_VERSION=v1.25.0
#     RUN go install github.com/go-delve/delve/cmd/dlv@${DELVE_VERSION}
package golintdocker.rules.go_install_unpinned

import data.golintdocker.lib.gobuilds

deny contains finding if {
	some [_, i] in gobuilds.runs
	some g in i.run.go
	g.subcommand == "install"
	not "packages" in g.unknown
	some p in g.packages
	why := moving(p, g)
	finding := {
		"msg": sprintf("`go install %s` on line %d %s: each build may install a different version", [p, g.line, why]),
		"line": g.line,
		"end_line": g.end_line,
	}
}

moving(p, _) := sprintf("asks for @%s, not a version", [q]) if {
	[_, q] := split_version(p)
	not pinned(q)
}

moving(p, g) := "builds in GOPATH mode (GO111MODULE=off) from whatever the repository holds" if {
	not contains(p, "@")
	g.env.GO111MODULE == "off"
	remote(p)
}

split_version(p) := [path, q] if {
	parts := split(p, "@")
	count(parts) == 2
	[path, q] := parts
}

# A release (v1.2.3, v0.0.0-2024...-abcdef, v2.1.0+incompatible, a
# submodule's tag gopls/v0.16.0) or a commit hash names one set of sources.
pinned(q) if regex.match(`(^|/)v[0-9]+\.[0-9]+\.[0-9]+([-+].*)?$`, q)

pinned(q) if regex.match(`^[0-9a-f]{7,40}$`, q)

# A package path that names a module elsewhere (github.com/x/y), not the
# local module (., ./cmd/x, std, a path without a dot in its first element).
remote(p) if {
	first := split(p, "/")[0]
	contains(first, ".")
	not startswith(p, ".")
}
