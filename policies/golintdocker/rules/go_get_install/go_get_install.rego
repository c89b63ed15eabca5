# METADATA
# title: go get used to install a command, outside a module, on Go 1.18 or later
# description: |
#   Since Go 1.18 `go get` only changes a module's requirements: it no
#   longer builds or installs anything, and outside a module it stops with
#   "go: go.mod file not found ... 'go get' is no longer supported outside a
#   module". A Dockerfile written for GOPATH-era Go that runs `go get
#   github.com/x/tool` on a current golang image fails to build. Rules stay
#   quiet when a go.mod may be there (copied, mounted, cloned) or in GOPATH
#   mode (GO111MODULE=off).
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#go-get-install
#   - ref: https://go.dev/doc/go-get-install-deprecation
# custom:
#   id: GD034
#   severity: error
#   since: 0.2.0
#   fix: Install the command with `go install pkg@version` (a release, not @latest).
#   bad: |
#     FROM golang:1.27-alpine
#     RUN go get github.com/nats-io/nsc
#   good: |
#     FROM golang:1.27-alpine
#     RUN go install github.com/nats-io/nsc/v2@v2.10.2
package golintdocker.rules.go_get_install

import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.stages

deny contains finding if {
	some [s, i] in gobuilds.runs
	some g in i.run.go
	g.subcommand == "get"
	g.outside_module
	not object.get(g.env, "GO111MODULE", "") in {"off", "auto"}
	go_118_or_later(s.go_version)
	not "packages" in g.unknown
	pkgs := [p | some p in g.packages; remote(p)]
	count(pkgs) > 0
	finding := {
		"msg": sprintf("`go get %s` on line %d runs outside a module on %s (Go %s): since Go 1.18 go get installs nothing and there it stops with \"'go get' is no longer supported outside a module\"", [concat(" ", pkgs), g.line, stages.base_name(s), s.go_version]),
		"line": g.line,
		"end_line": g.end_line,
		"fix": sprintf("Install it with `go install %s` (with a release, not @latest).", [install_form(pkgs[0])]),
	}
}

go_118_or_later("latest")

go_118_or_later(v) if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)\.([0-9]+)`, v, 1)[0]
	[to_number(m[1]), to_number(m[2])] >= [1, 18]
}

# A package of another module (github.com/x/y), not ./... or the like.
remote(p) if {
	contains(split(p, "/")[0], ".")
	not startswith(p, ".")
}

install_form(p) := p if contains(p, "@")

else := sprintf("%s@<version>", [p])
