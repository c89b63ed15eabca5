# METADATA
# title: Final image has no time zone database
# description: |
#   scratch, alpine, busybox and ubuntu ship no /usr/share/zoneinfo. A Go
#   program there that calls time.LoadLocation("Europe/Berlin"), or runs with
#   TZ set, fails with "unknown time zone" unless it embeds the database
#   (import _ "time/tzdata", or go build -tags timetzdata). The guide copies
#   /usr/share/zoneinfo from the builder; without that, or an embedded
#   database, time zone handling breaks only in production.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-zoneinfo
# custom:
#   id: GD012
#   severity: warning
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

import data.golintdocker.lib

# Where Go's time package looks for the database (and the GOROOT fallback).
zoneinfo_paths := [
	"/usr/share/zoneinfo",
	"/usr/share/lib/zoneinfo",
	"/usr/lib/locale/TZ",
	"/etc/zoneinfo",
	"/usr/local/go/lib/time",
]

deny contains finding if {
	lib.final_facts.tzdata == false
	lib.lacks_files(lib.final, "tzdata", "tzdata", zoneinfo_paths)
	not lib.final_facts.go_toolchain == true
	lib.is_go
	not embeds_tzdata
	not lib.chain_sets_env(lib.final, "ZONEINFO")
	msg := sprintf(
		concat("", [
			"the final image (%s) has no time zone database (/usr/share/zoneinfo) and no go build embeds one (-tags timetzdata): ",
			"time.LoadLocation and TZ=... fail with \"unknown time zone\". ",
			"If `go list -deps ./... | grep -x time/tzdata` prints time/tzdata, the program embeds it and this finding can be silenced",
		]),
		[lib.base_name(lib.final)],
	)
	finding := object.union(lib.final_from_finding(msg, fix), {"edits": edits})
}

# A go build of a stage the final image uses embeds the database.
embeds_tzdata if {
	some [_, _, g] in lib.shipping_builds
	"timetzdata" in g.tags
}

source := lib.files_source("tzdata", "tzdata")

fix := sprintf("Copy the database from %s: `COPY --from=%s /usr/share/zoneinfo /usr/share/zoneinfo`, or build with -tags timetzdata.", [lib.stage_label(source), lib.stage_from_name(source)]) if {
	source
} else := sprintf("Install it (`%s`), or build with -tags timetzdata.", [cmd]) if {
	cmd := lib.install_command(lib.final, "tzdata")
} else := "Build with -tags timetzdata (or import _ \"time/tzdata\" in main), or install tzdata in the builder (`RUN apk add --no-cache tzdata`) and `COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo`."

edits := [lib.insert_after_final_from(sprintf("COPY --from=%s /usr/share/zoneinfo /usr/share/zoneinfo\n", [lib.stage_from_name(source)]))] if {
	source
} else := []
