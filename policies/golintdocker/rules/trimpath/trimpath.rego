# METADATA
# title: go build without -trimpath
# description: |
#   Without -trimpath the binary records the absolute paths of the build
#   (/src/..., /go/pkg/mod/...) in its file names and stack traces: the
#   output depends on where it was built, so two builds of the same commit
#   differ, and the builder's layout leaks into every panic. -trimpath makes
#   the build reproducible.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#trimpath
# custom:
#   id: GD006
#   severity: info
#   fix_safety: unsafe
#   guide: "3"
#   since: 0.1.0
#   fix: Add -trimpath to the go build (or `ENV GOFLAGS=-trimpath` in the builder stage).
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app .
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app .
package golintdocker.rules.trimpath

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds

deny contains finding if {
	some [_, _, g, _] in gobuilds.shipped
	not g.trimpath
	not "trimpath" in g.unknown
	finding := {
		"msg": sprintf("`go %s` on line %d builds without -trimpath: the binary records the builder's absolute source paths and is not reproducible", [g.subcommand, g.line]),
		"line": g.line,
		"end_line": g.end_line,
		"edits": edits(g),
	}
}

edits(g) := [findings.insert_at(g.flags_pos, " -trimpath")] if {
	g.flags_pos.exact
} else := []
