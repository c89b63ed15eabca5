# METADATA
# title: A Go binary is shipped on a full OS image
# description: |
#   The final image rests on a full distribution (debian, ubuntu...) to run
#   one Go binary. The package manager, shell, coreutils and libraries add
#   tens of megabytes and a steady stream of CVEs to patch, none of which a
#   static Go binary uses. scratch or distroless static hold only what the
#   binary needs; distroless base has glibc for cgo builds.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#final-base-full-os
# custom:
#   id: GD002
#   severity: warning
#   guide: "1.6"
#   since: 0.1.0
#   fix: Ship the binary on scratch or gcr.io/distroless/static-debian12 (built with CGO_ENABLED=0), or on gcr.io/distroless/base-debian12 if it needs glibc; alpine if a shell is really needed.
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM debian:12
#     COPY --from=build /app /app
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM gcr.io/distroless/static-debian12:nonroot
#     COPY --from=build /app /app
package golintdocker.rules.final_base_full_os

import data.golintdocker.lib

deny contains finding if {
	lib.final_facts.full_os == true
	not lib.final_facts.go_toolchain == true
	lib.is_go
	r := lib.root_stage(lib.final)
	finding := {
		"msg": sprintf("The final image (%s) is built on %s, a full OS image, to run a Go binary: its package manager, shell and libraries only add size and CVEs", [lib.stage_label(lib.final), lib.base_name(lib.final)]),
		"line": r.line,
		"end_line": r.from_end_line,
		"fix": fix_text,
	}
}

# A build that turns cgo on needs glibc: suggest distroless base then.
fix_text := sprintf("Replace %s with gcr.io/distroless/base-debian12:nonroot, which has the glibc a cgo build needs, or build with CGO_ENABLED=0 and ship on scratch or distroless static.", [lib.base_name(lib.final)]) if {
	some [_, _, g] in lib.shipping_builds
	g.cgo_enabled == "1"
} else := sprintf("Replace %s with scratch or gcr.io/distroless/static-debian12:nonroot (build with CGO_ENABLED=0), or alpine if a shell is really needed.", [lib.base_name(lib.final)])
