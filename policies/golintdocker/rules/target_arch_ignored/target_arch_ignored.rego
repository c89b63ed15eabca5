# METADATA
# title: go build on $BUILDPLATFORM without GOARCH builds for the wrong platform
# description: |
#   The stage runs on the build machine (`FROM --platform=$BUILDPLATFORM`),
#   but the go build does not set GOARCH (and GOOS): Go then compiles for the
#   machine it runs on, so every platform of a multi-platform image gets the
#   build machine's binary, and the arm64 image fails at start with "exec
#   format error". The target comes from the TARGETOS/TARGETARCH arguments.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#target-arch-ignored
# custom:
#   id: GD009
#   severity: warning
#   fix_safety: unsafe
#   guide: "3"
#   since: 0.1.0
#   fix: Declare `ARG TARGETOS TARGETARCH` in the stage and build with `GOOS=$TARGETOS GOARCH=$TARGETARCH go build`.
#   bad: |
#     FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -o /app .
#   good: |
#     FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
#     ARG TARGETOS TARGETARCH
#     RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
package golintdocker.rules.target_arch_ignored

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.stages

# A binary built on the build machine ($BUILDPLATFORM) without GOOS/GOARCH
# that ships in an image built for the target platform.
deny contains finding if {
	some [s, i, g, images] in gobuilds.shipped
	g.build.platform == "build"
	some img in images
	img.role == "runtime"
	img.root != s.root
	platform := stages.root(s).from.platform
	finding := {
		"msg": sprintf("`go %s` on line %d runs in %s (FROM --platform=%s) without GOARCH: the binary is built for the build machine, not for the target platform, and fails with \"exec format error\" on the others", [g.subcommand, g.line, stages.label(s), platform]),
		"line": g.line,
		"end_line": g.end_line,
		"fix": fix_text(s, i, g),
		"edits": edits(i, g),
	}
}

# The platform ARGs the stage has not declared before the RUN.
undeclared(i) := [a | some a in ["TARGETOS", "TARGETARCH"]; not a in object.keys(i.env)]

prefix(g) := "GOOS=$TARGETOS GOARCH=$TARGETARCH " if {
	g.goos == null
} else := "GOARCH=$TARGETARCH "

# A cross-compiled go install writes to $GOPATH/bin/GOOS_GOARCH/ (and fails
# when GOBIN is set): the fix is go build -o, not a prefix.
fix_text(s, i, g) := sprintf("Build with `GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o <dir>/ <packages>` instead: a cross-compiled `go install` writes to /go/bin/<GOOS>_<GOARCH>/ and fails when GOBIN is set. Declare `ARG TARGETOS TARGETARCH` in %s.", [stages.label(s)]) if {
	g.subcommand == "install"
} else := sprintf("Prefix the command with `%s`; %s already declares `ARG TARGETOS TARGETARCH`.", [trim_space(prefix(g)), stages.label(s)]) if {
	count(undeclared(i)) == 0
} else := sprintf("Declare `ARG %s` in %s before line %d and prefix the command with `%s`: without the ARG the variables are empty inside the stage.", [concat(" ", undeclared(i)), stages.label(s), i.line, trim_space(prefix(g))])

# The edit is complete or not offered: the prefix, and the ARG it needs.
edits(i, g) := array.concat(declare(i), [findings.insert_at(g, prefix(g))]) if {
	g.exact
	g.subcommand == "build"
} else := []

declare(i) := [] if {
	count(undeclared(i)) == 0
} else := [findings.insert_at({"line": i.line, "column": 1}, sprintf("ARG %s\n", [concat(" ", undeclared(i))]))]
