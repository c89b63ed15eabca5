# METADATA
# title: Final image has no time zone database
# description: |
#   scratch, alpine, busybox and ubuntu ship no /usr/share/zoneinfo. A Go
#   program there that calls time.LoadLocation("Europe/Berlin"), or runs with
#   TZ set, fails with "unknown time zone" unless it embeds the database
#   (import _ "time/tzdata", or go build -tags timetzdata). The guide copies
#   /usr/share/zoneinfo from the builder; without that, or an embedded
#   database, time zone handling breaks only in production.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-zoneinfo
# custom:
#   id: GD012
#   severity: warning
#   fix_safety: unsafe
#   guide: "1.7"
#   since: 0.1.0
#   fix: Build with -tags timetzdata (or import _ "time/tzdata"), or copy /usr/share/zoneinfo from a builder that installs tzdata.
#   bad: |
#     FROM golang:1.27-alpine AS builder
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=builder /app /app
#     ENTRYPOINT ["/app"]
#   good: |
#     FROM golang:1.27-alpine AS builder
#     RUN CGO_ENABLED=0 go build -tags timetzdata -o /app .
#     FROM scratch
#     COPY --from=builder /app /app
#     ENTRYPOINT ["/app"]
package golintdocker.rules.no_zoneinfo

import data.golintdocker.lib.files
import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.packages
import data.golintdocker.lib.stages

# A runtime image with a Go binary built here, no time zone database (the
# base image ships none, nothing installs or copies one) and no binary that
# embeds one.
deny contains finding if {
	some s in images.linux_runtime
	s.files.tzdata == false
	s.embeds_tzdata == false
	images.ships_go(s)
	not images.facts(s).go_toolchain == true
	msg := sprintf(
		concat("", [
			"%s has no time zone database (/usr/share/zoneinfo) and no go build embeds one (-tags timetzdata): ",
			"time.LoadLocation and TZ=... fail with \"unknown time zone\". ",
			"If `go list -deps ./... | grep -x time/tzdata` prints time/tzdata, the program embeds it and this finding can be silenced",
		]),
		[images.label(s)],
	)
	finding := object.union(findings.at_from(s, msg, fix(s)), {"edits": edits(s)})
}

fix(s) := sprintf("Copy the database from %s: `COPY --from=%s %s %s`, or build with -tags timetzdata.", [stages.label(src), stages.from_name(src), zoneinfo, zoneinfo]) if {
	src := files.source(s, "tzdata")
	src.name != ""
} else := sprintf("Name %s (`%s AS %s`) and copy the database from it: `COPY --from=%s %s %s`, or build with -tags timetzdata.", [stages.label(src), src.original, name, name, zoneinfo, zoneinfo]) if {
	src := files.source(s, "tzdata")
	[name, _] := findings.stage_reference(src, builder_names)
} else := sprintf("Copy the database from %s: `COPY --from=%s %s %s`, or build with -tags timetzdata.", [stages.label(src), stages.from_name(src), zoneinfo, zoneinfo]) if {
	src := files.source(s, "tzdata")
} else := sprintf("Install it (`%s`), or build with -tags timetzdata.", [cmd]) if {
	cmd := packages.install_command(s, "tzdata")
} else := sprintf("Install tzdata in %s (`%s`) and copy the database from it: `COPY --from=%s %s %s`; or build with -tags timetzdata (or import _ \"time/tzdata\" in main).", [stages.label(b), packages.install_command(b, "tzdata"), b.name, zoneinfo, zoneinfo]) if {
	b := install_stage(s)
	b.name != ""
} else := sprintf("Name %s (`%s AS %s`), install tzdata in it (`%s`) and copy the database from it: `COPY --from=%s %s %s`; or build with -tags timetzdata (or import _ \"time/tzdata\" in main).", [stages.label(b), b.original, name, packages.install_command(b, "tzdata"), name, zoneinfo, zoneinfo]) if {
	b := install_stage(s)
	[name, _] := findings.stage_reference(b, builder_names)
} else := "Build with -tags timetzdata (or import _ \"time/tzdata\" in main), or install tzdata in the builder (`RUN apk add --no-cache tzdata`) and `COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo`."

zoneinfo := "/usr/share/zoneinfo"

builder_names := ["builder", "build", "build-stage"]

# The COPY from a stage that has the database, named in the same fix when
# it has no name (COPY --from by number is fragile: copy-from-index); when
# none has it and the image cannot install it itself, tzdata installed in
# the stage that builds the binary, and the COPY from there. The guide's
# own example copies from a golang:*-alpine builder that has no tzdata
# (copies-uninstalled-files): the COPY alone is no fix.
edits(s) := array.concat(naming_edits, [copy_from(s, name)]) if {
	src := files.source(s, "tzdata")
	[name, naming_edits] := findings.stage_reference(src, builder_names)
} else := array.concat(naming_edits, [findings.insert_after_from(b, sprintf("%s\n", [packages.install_command(b, "tzdata")])), copy_from(s, name)]) if {
	not files.source(s, "tzdata")
	not packages.install_command(s, "tzdata")
	b := install_stage(s)
	[name, naming_edits] := findings.stage_reference(b, builder_names)
} else := []

copy_from(s, name) := findings.insert_after_from(s, sprintf("COPY --from=%s %s %s\n", [name, zoneinfo, zoneinfo]))

# The first stage a Go binary of s is built in where tzdata can be
# installed right after its FROM: an image with a shell and a package
# manager golint-docker knows, running as root there.
install_stage(s) := input.stages[min(ks)] if {
	ks := {b.stage |
		some b in s.binaries
		b.stage < s.index
		installable(input.stages[b.stage])
	}
	count(ks) > 0
}

installable(b) if {
	packages.install_command(b, "tzdata")
	images.facts(b).shell == true
	images.facts(b).user in {"0", "root"}
	not user_before(b)
}

# A stage b is built on sets USER: the install would not run as root.
user_before(b) if {
	some st in stages.chain(b)
	st.index != b.index
	some i in st.instructions
	i.cmd == "user"
}
