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

fix(s) := sprintf("Copy the database from %s: `COPY --from=%s /usr/share/zoneinfo /usr/share/zoneinfo`, or build with -tags timetzdata.", [stages.label(src), stages.from_name(src)]) if {
	src := files.source(s, "tzdata")
} else := sprintf("Install it (`%s`), or build with -tags timetzdata.", [cmd]) if {
	cmd := packages.install_command(s, "tzdata")
} else := "Build with -tags timetzdata (or import _ \"time/tzdata\" in main), or install tzdata in the builder (`RUN apk add --no-cache tzdata`) and `COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo`."

edits(s) := [findings.insert_after_from(s, sprintf("COPY --from=%s /usr/share/zoneinfo /usr/share/zoneinfo\n", [stages.from_name(src)]))] if {
	src := files.source(s, "tzdata")
} else := []
