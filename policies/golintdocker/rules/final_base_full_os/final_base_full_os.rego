# METADATA
# title: A Go binary is shipped on a full OS image
# description: |
#   The final image rests on a full distribution (debian, ubuntu...) to run
#   one Go binary. The package manager, shell, coreutils and libraries add
#   tens of megabytes and a steady stream of CVEs to patch, none of which a
#   static Go binary uses. scratch or distroless static hold only what the
#   binary needs; distroless base has glibc for cgo builds.
# schemas:
#   - input: schema.input
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

import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.images
import data.golintdocker.lib.stages

# A runtime image on a full OS that runs a Go binary (built here, or
# ready-made by ko or GoReleaser) and uses
# nothing of the OS: it installs no packages (beyond CA certificates and
# tzdata) and runs nothing at build time but user and directory set-up.
deny contains finding if {
	some s in images.linux_runtime
	images.facts(s).full_os == true
	not images.facts(s).go_toolchain == true
	images.ships_go(s)
	not uses_os(s)
	r := input.stages[s.root]
	finding := {
		"msg": sprintf("%s is built on %s, a full OS image, to run a Go binary: its package manager, shell and libraries only add size and CVEs", [images.label(s), stages.base_name(s)]),
		"line": r.line,
		"end_line": r.from_end_line,
		"fix": fix_text(s),
	}
}

# Packages or commands that need the OS.
uses_os(s) if {
	some st in stages.chain(s)
	some p in st.packages
	not p.name in {"ca-certificates", "tzdata"}
}

uses_os(s) if {
	some st in stages.chain(s)
	some i in st.instructions
	some c in i.run.commands
	not c.name in setup_commands
}

# User and directory set-up, and the package manager commands around the
# installs looked at above.
setup_commands := {
	"adduser", "useradd", "addgroup", "groupadd", "mkdir", "chown", "chmod", "ln", "true", "set",
	"update-ca-certificates", "rm", "echo", "touch", "apt-get", "apt", "apk", "microdnf", "dnf", "yum",
}

# A binary that links a C library dynamically needs glibc: distroless base.
fix_text(s) := sprintf("Replace %s with gcr.io/distroless/base-debian12:nonroot, which has the glibc a cgo build needs, or build with CGO_ENABLED=0 and ship on scratch or distroless static.", [stages.base_name(s)]) if {
	some bin in s.binaries
	[_, _, g] := gobuilds.build_of(bin)
	g.build.static != true
} else := sprintf("Replace %s with gcr.io/distroless/static-debian12:nonroot (or scratch) if the binary is static (CGO_ENABLED=0), or gcr.io/distroless/base-debian12:nonroot if it links glibc.", [stages.base_name(s)]) if {
	# Ready-made (ko, GoReleaser): how it was linked is not known here.
	count(s.binaries) == 0
} else := sprintf("Replace %s with scratch or gcr.io/distroless/static-debian12:nonroot (the binary is static), or alpine if a shell is really needed.", [stages.base_name(s)])
