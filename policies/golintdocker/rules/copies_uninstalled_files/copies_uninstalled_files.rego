# METADATA
# title: COPY --from copies time zones or certificates the source stage does not have
# description: |
#   The guide copies /usr/share/zoneinfo from a golang:1.21-alpine builder,
#   but golang:*-alpine (like alpine) ships no tzdata: the COPY fails the
#   build with "not found". The same happens for /etc/ssl/certs from a
#   debian, ubuntu, busybox or scratch stage, which have no CA bundle. The
#   files exist only after the source stage installs the package.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#copies-uninstalled-files
# custom:
#   id: GD013
#   severity: error
#   guide: "2"
#   since: 0.1.0
#   fix: Install the package in the source stage (RUN apk add --no-cache tzdata), or build with -tags timetzdata and drop the COPY.
#   bad: |
#     FROM golang:1.27-alpine AS builder
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
#     COPY --from=builder /app /app
#   good: |
#     FROM golang:1.27-alpine AS builder
#     RUN apk add --no-cache tzdata
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo
#     COPY --from=builder /app /app
package golintdocker.rules.copies_uninstalled_files

import data.golintdocker.lib.files
import data.golintdocker.lib.packages
import data.golintdocker.lib.stages

# The file sets: the directory, the image fact and the package providing it.
file_sets := [
	{"dir": "/usr/share/zoneinfo", "fact": "tzdata", "pkg": "tzdata", "what": "tzdata"},
	{"dir": "/etc/ssl/certs", "fact": "ca_certs", "pkg": "ca-certificates", "what": "CA certificates"},
]

# COPY --from=<stage> in a stage that gets built.
deny contains finding if {
	some [s, i] in files.copies
	i.copy.from_stage != null
	s.built
	from := input.stages[i.copy.from_stage]
	some set in file_sets
	from.files[set.fact] == false
	src := copied_from(i, set.dir)
	image := stages.base_name(from)
	finding := {
		"msg": sprintf(
			"COPY --from=%s copies %s, which %s does not have: %s ships no %s and nothing in the stage installs or copies it, so the build fails with \"%s: not found\"",
			[i.copy.from, src, stages.label(from), image, set.what, src],
		),
		"line": i.line,
		"end_line": i.end_line,
		"fix": stage_fix(from, set),
	}
}

# COPY --from=<image> straight from an image known not to have the files.
deny contains finding if {
	some [s, i] in files.copies
	i.copy.from_image != null
	s.built
	some set in file_sets
	i.copy.from_image_facts[set.fact] == false
	src := copied_from(i, set.dir)
	finding := {
		"msg": sprintf(
			"COPY --from=%s copies %s, but the image %s ships no %s, so the build fails with \"%s: not found\"",
			[i.copy.from, src, i.copy.from, set.what, src],
		),
		"line": i.line,
		"end_line": i.end_line,
		"fix": image_fix(set),
	}
}

# The first source of COPY i at or under dir (sources of COPY --from are
# relative to the root of the stage they come from).
copied_from(i, dir) := [p |
	some src in i.copy.sources
	p := absolute(src)
	under(p, dir)
][0]

absolute(p) := p if startswith(p, "/")

else := concat("/", ["", trim_prefix(p, "./")])

under(p, dir) if p == dir

under(p, dir) if startswith(p, concat("", [dir, "/"]))

stage_fix(from, set) := sprintf("Install it in %s: `%s`, or build with -tags timetzdata and drop this COPY.", [stages.label(from), cmd]) if {
	set.pkg == "tzdata"
	cmd := packages.install_command(from, set.pkg)
} else := sprintf("Install it in %s: `%s`.", [stages.label(from), cmd]) if {
	cmd := packages.install_command(from, set.pkg)
} else := image_fix(set)

image_fix(set) := "Build with -tags timetzdata and drop this COPY, or copy /usr/share/zoneinfo from a stage that runs `apk add --no-cache tzdata`." if {
	set.pkg == "tzdata"
} else := "Copy the bundle from a stage that has it (golang:*-alpine, golang:* Debian), or install ca-certificates in the source stage."
