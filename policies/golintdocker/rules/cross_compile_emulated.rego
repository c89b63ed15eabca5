# METADATA
# title: The Go builder stage runs on the target platform, under emulation
# description: |
#   The builder's FROM has no --platform, so a multi-platform build
#   (`docker buildx build --platform linux/amd64,linux/arm64`) runs the
#   builder once per target platform, the foreign ones under QEMU emulation:
#   compiling is many times slower and sometimes crashes. Go cross-compiles
#   natively: run the builder on the build machine ($BUILDPLATFORM) and set
#   GOOS/GOARCH from TARGETOS/TARGETARCH.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cross-compile-emulated
# custom:
#   id: GD008
#   severity: info
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

import data.golintdocker.lib

# The FROM that names the builder's image: the root of every stage built on
# it. Stages the final image is built on must stay on the target platform.
deny contains finding if {
	some [root, line, subcommand] in first_builds
	r := input.stages[root]
	r.index == root
	r.root == r.index
	r.from.platform == ""
	r.index != lib.final.root
	finding := {
		"msg": sprintf("`go %s` on line %d runs on %s, and this FROM (%s) has no --platform: in a multi-platform build the compiler runs once per target platform, under emulation for the foreign ones", [subcommand, line, lib.base_name(r), lib.stage_label(r)]),
		"line": r.line,
		"end_line": r.from_end_line,
		"fix": fix_text(r),
		"edits": edits(r),
	}
}

# The go builds of the shipping stages by the root their stage rests on,
# sorted: [root, line, subcommand]. The first of each root is what its
# finding names (one pass, not one per root).
builds_by_root := sort([[s.root, g.line, g.subcommand] | some [s, _, g] in lib.shipping_builds])

first_builds contains b if {
	some k, b in builds_by_root
	not builds_by_root[k - 1][0] == b[0]
}

# The roots of shipping stages that build with cgo on.
cgo_roots contains s.root if {
	some [s, _, g] in lib.shipping_builds
	g.cgo_enabled == "1"
}

fix_text(r) := concat(" ", [base_fix, "With cgo on, cross-compiling also needs a C cross toolchain (for example tonistiigi/xx)."]) if {
	r.index in cgo_roots
} else := base_fix

base_fix := "Use `FROM --platform=$BUILDPLATFORM ...`, declare `ARG TARGETOS TARGETARCH` in the stage and build with `GOOS=$TARGETOS GOARCH=$TARGETARCH go build`."

# A one-line FROM is rewritten with --platform after the keyword.
edits(r) := [lib.replace_lines({"line": r.line, "end_line": r.from_end_line}, text)] if {
	r.line == r.from_end_line
	parts := regex.find_all_string_submatch_n(`^(\s*[Ff][Rr][Oo][Mm]\s+)(.*)$`, r.original, 1)
	count(parts) == 1
	text := concat("", [parts[0][1], "--platform=$BUILDPLATFORM ", parts[0][2]])
} else := []
