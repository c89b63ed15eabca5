# METADATA
# title: go build without CGO_ENABLED=0 for an image without glibc
# description: |
#   A Go binary built with cgo links the C library dynamically. scratch and
#   distroless static have no C library at all, and Alpine has musl rather
#   than glibc, so such a binary fails to start there ("no such file or
#   directory" for the dynamic loader). golang:* Debian images have gcc, so
#   cgo is on unless CGO_ENABLED=0 is set; set it explicitly, inline or with
#   ENV, so the build stays static whichever builder image is used.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cgo-disabled
# custom:
#   id: GD004
#   severity: warning
#   guide: "1.4"
#   since: 0.1.0
#   fix: Prefix the build with CGO_ENABLED=0 (or set ENV CGO_ENABLED=0 in the builder stage).
#   bad: |
#     FROM golang:1.27 AS build
#     RUN go build -o /app .
#     FROM scratch
#     COPY --from=build /app /app
#   good: |
#     FROM golang:1.27 AS build
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=build /app /app
package golintdocker.rules.cgo_disabled

import data.golintdocker.lib

# Final images without glibc, where a cgo binary cannot run.
no_glibc if lib.final_facts.libc in {"none", "musl"}

deny contains finding if {
	no_glibc
	some [s, _, g] in lib.shipping_builds
	s.index != lib.final.index
	g.cgo_enabled == null
	finding := {
		"msg": sprintf("`go %s` on line %d runs without CGO_ENABLED=0, and the final image (%s) has no glibc: a cgo build will not start there", [g.subcommand, g.line, lib.base_name(lib.final)]),
		"line": g.line,
		"end_line": g.end_line,
		"fix": sprintf("Prefix the command with CGO_ENABLED=0, or add `ENV CGO_ENABLED=0` to %s.", [lib.stage_label(s)]),
		"edits": edits(g),
	}
}

deny contains finding if {
	no_glibc
	some [s, _, g] in lib.shipping_builds
	s.index != lib.final.index
	g.cgo_enabled != null
	g.cgo_enabled != "0"
	finding := {
		"msg": sprintf("`go %s` on line %d builds with CGO_ENABLED=%s, and the final image (%s) has no glibc: the binary needs a C library that is not there", [g.subcommand, g.line, g.cgo_enabled, lib.base_name(lib.final)]),
		"line": g.line,
		"end_line": g.end_line,
		"severity": severity(lib.final),
		"fix": "Build with CGO_ENABLED=0, or ship on an image with glibc (gcr.io/distroless/base-debian12) if the program really needs cgo.",
	}
}

# With no C library at all the binary cannot start: an error. On musl it may
# work if it was also built against musl: a warning.
severity(s) := "error" if {
	lib.facts(s).libc == "none"
} else := "warning"

edits(g) := [lib.insert_at(g, "CGO_ENABLED=0 ")] if g.exact

edits(g) := [] if not g.exact
