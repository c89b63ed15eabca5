# METADATA
# title: go build on $BUILDPLATFORM without GOARCH builds for the wrong platform
# description: |
#   The stage runs on the build machine (`FROM --platform=$BUILDPLATFORM`),
#   but the go build does not set GOARCH (and GOOS): Go then compiles for the
#   machine it runs on, so every platform of a multi-platform image gets the
#   build machine's binary, and the arm64 image fails at start with "exec
#   format error". The target comes from the TARGETOS/TARGETARCH arguments.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#target-arch-ignored
# custom:
#   id: GD009
#   severity: warning
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

import data.golintdocker.lib

deny contains finding if {
	some [s, i, g] in lib.shipped_builds
	g.goarch == null
	platform := lib.root_stage(s).from.platform
	contains(platform, "BUILDPLATFORM")
	s.root != lib.final.root
	finding := {
		"msg": sprintf("`go %s` on line %d runs in %s (FROM --platform=%s) without GOARCH: the binary is built for the build machine, not for the target platform, and fails with \"exec format error\" on the others", [g.subcommand, g.line, lib.stage_label(s), platform]),
		"line": g.line,
		"end_line": g.end_line,
		"fix": fix_text(s, i, g),
		"edits": edits(g),
	}
}

prefix(g) := "GOOS=$TARGETOS GOARCH=$TARGETARCH " if {
	g.goos == null
} else := "GOARCH=$TARGETARCH "

# A cross-compiled go install writes to $GOPATH/bin/GOOS_GOARCH/ (and fails
# when GOBIN is set): the fix is go build -o, not a prefix.
fix_text(s, i, g) := "Build with `GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o <dir>/ <packages>` instead: a cross-compiled `go install` writes to /go/bin/<GOOS>_<GOARCH>/ and fails when GOBIN is set. Declare `ARG TARGETOS TARGETARCH` in the stage." if {
	g.subcommand == "install"
} else := sprintf("Prefix the command with `%s`; %s already declares `ARG TARGETOS TARGETARCH`.", [trim_space(prefix(g)), lib.stage_label(s)]) if {
	"TARGETOS" in object.keys(i.env)
	"TARGETARCH" in object.keys(i.env)
} else := sprintf("Declare `ARG TARGETOS TARGETARCH` in %s and prefix the command with `%s`.", [lib.stage_label(s), trim_space(prefix(g))])

edits(g) := [lib.insert_at(g, prefix(g))] if {
	g.exact
	g.subcommand == "build"
} else := []
