# METADATA
# title: go build without CGO_ENABLED=0 for an image without glibc
# description: |
#   A Go binary built with cgo links the C library dynamically. scratch and
#   distroless static have no C library at all, and Alpine has musl rather
#   than glibc, so such a binary fails to start there ("no such file or
#   directory" for the dynamic loader). golang:* Debian images have gcc, so
#   cgo is on unless CGO_ENABLED=0 is set; set it explicitly, inline or with
#   ENV, so the build stays static whichever builder image is used.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cgo-disabled
# custom:
#   id: GD004
#   severity: warning
#   fix_safety: unsafe
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

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.images
import data.golintdocker.lib.stages

# A binary that links the builder's C library dynamically, shipped on an
# image with another C library (or none): it cannot start there ("no such
# file or directory" for the dynamic loader).
deny contains finding if {
	some s in images.linux_runtime
	runtime_libc := images.facts(s).libc
	some bin in s.binaries
	[st, _, g] := gobuilds.build_of(bin)
	g.build.cgo == true
	g.build.static == false
	g.build.libc in {"glibc", "musl"}
	runtime_libc in {"none", "glibc", "musl"}
	runtime_libc != g.build.libc
	not compat(s, g.build.libc)
	finding := {
		"msg": sprintf("`go %s` on line %d links %s dynamically (%s), and %s has %s: the binary cannot start there", [g.subcommand, g.line, g.build.libc, g.build.cgo_reason, images.label(s), libc_text[runtime_libc]]),
		"line": g.line,
		"end_line": g.end_line,
		"severity": severity[runtime_libc],
		"fix": fix(st, g),
		"edits": edits(g),
	}
}

libc_text := {"none": "no C library", "glibc": "glibc, not musl", "musl": "musl, not glibc"}

severity := {"none": "error", "glibc": "warning", "musl": "warning"}

# gcompat / libc6-compat let glibc binaries run on musl.
compat(s, "glibc") if {
	some st in stages.chain(s)
	some p in st.packages
	p.name in {"gcompat", "libc6-compat"}
}

fix(st, g) := sprintf("Prefix the command with CGO_ENABLED=0 (or add `ENV CGO_ENABLED=0` to %s); if the program needs cgo, link it statically (`-ldflags '-extldflags \"-static\"'`) or ship on an image with the same C library.", [stages.label(st)]) if {
	g.cgo_enabled == null
} else := "Build with CGO_ENABLED=0; if the program needs cgo, link it statically (`-ldflags '-extldflags \"-static\"'`) or ship on an image with the same C library (gcr.io/distroless/base-debian12 for glibc)."

edits(g) := [findings.insert_at(g, "CGO_ENABLED=0 ")] if {
	g.exact
	g.cgo_enabled == null
} else := []
