# METADATA
# title: The Go builder stage runs on the target platform, under emulation
# description: |
#   The builder's FROM has no --platform, so a multi-platform build
#   (`docker buildx build --platform linux/amd64,linux/arm64`) runs the
#   builder once per target platform, the foreign ones under QEMU emulation:
#   compiling is many times slower and sometimes crashes. Go cross-compiles
#   natively: run the builder on the build machine ($BUILDPLATFORM) and set
#   GOOS/GOARCH from TARGETOS/TARGETARCH.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cross-compile-emulated
# custom:
#   id: GD008
#   severity: info
#   fix_safety: unsafe
#   guide: "3"
#   since: 0.1.0
#   fix: Use `FROM --platform=$BUILDPLATFORM golang:...` for the builder, declare `ARG TARGETOS TARGETARCH` in it and build with `GOOS=$TARGETOS GOARCH=$TARGETARCH go build`.
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=build /app /app
#   good: |
#     FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
#     ARG TARGETOS TARGETARCH
#     RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .
#     FROM scratch
#     COPY --from=build /app /app
package golintdocker.rules.cross_compile_emulated

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.images
import data.golintdocker.lib.stages

# The FROM that names the builder's image: the root of the stages that
# build shipped binaries, when it has no --platform and is not the root of
# an image it ships in (that one must stay on the target platform).
deny contains finding if {
	some root, builds in builds_by_root
	r := input.stages[root]
	r.from.platform == ""
	images.facts(r).go_toolchain == true
	[_, _, g, _] := builds[0]
	finding := {
		"msg": sprintf("`go %s` on line %d runs on %s, and this FROM (%s) has no --platform: in a multi-platform build the compiler runs once per target platform, under emulation for the foreign ones", [g.subcommand, g.line, stages.base_name(r), stages.label(r)]),
		"line": r.line,
		"end_line": r.from_end_line,
		"fix": fix_text(builds),
		"edits": edits(r, builds),
	}
}

# The shipped builds by the root of their stage, for roots that are not the
# root of an image the build ships in.
builds_by_root[root] := builds if {
	some root in {s.root | some [s, _, _, _] in gobuilds.shipped}
	builds := [b |
		some b in gobuilds.shipped
		[s, _, _, targets] := b
		s.root == root
		some img in targets
		img.role == "runtime"
		every img2 in targets {
			img2.root != root
		}
	]
	count(builds) > 0
}

cgo(builds) if {
	some [_, _, g, _] in builds
	g.build.static != true
}

fix_text(builds) := concat(" ", [base_fix, "With cgo on, cross-compiling also needs a C cross toolchain (for example tonistiigi/xx)."]) if {
	cgo(builds)
} else := base_fix

base_fix := "Use `FROM --platform=$BUILDPLATFORM ...`, declare `ARG TARGETOS TARGETARCH` in the stage and build with `GOOS=$TARGETOS GOARCH=$TARGETARCH go build`."

# The whole change, or none: the FROM gets --platform, the stage declares
# the platform ARGs and every shipped go build gets GOOS/GOARCH. Offered
# when the builds are static go builds in the root stage itself, written
# where they can be edited, without GOOS/GOARCH of their own.
edits(r, builds) := array.concat(
	[findings.replace_lines({"line": r.line, "end_line": r.from_end_line}, from_line(r)), declare(r, builds)],
	[findings.insert_at(g, "GOOS=$TARGETOS GOARCH=$TARGETARCH ") | some [_, _, g, _] in builds],
) if {
	r.line == r.from_end_line
	from_line(r)
	not cgo(builds)
	every b in builds {
		[s, _, g, _] := b
		s.index == r.index
		g.exact
		g.subcommand == "build"
		g.goos == null
		g.goarch == null
	}
} else := []

from_line(r) := concat("", [parts[0][1], "--platform=$BUILDPLATFORM ", parts[0][2]]) if {
	parts := regex.find_all_string_submatch_n(`^(\s*[Ff][Rr][Oo][Mm]\s+)(.*)$`, r.original, 1)
	count(parts) == 1
}

declare(r, _) := findings.insert_after_from(r, "ARG TARGETOS TARGETARCH\n")
