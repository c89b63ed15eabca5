package golintdocker.tests.no_zoneinfo

import data.golintdocker.rules.no_zoneinfo
import data.golintdocker.testdoc

# A builder (stage 0) and the runtime image (stage 1, scratch, FROM on line
# 11) with a Go binary; tz says whether its filesystem has the database,
# embeds whether a binary embeds it.
doc(builder_tz, tz, embeds) := testdoc.stages([
	object.union(testdoc.stage(0, "builder", "golang:1.25-alpine", []), {"files": {"ca_certs": true, "tzdata": builder_tz}}),
	object.union(testdoc.stage(1, "", "scratch", []), {
		"files": {"ca_certs": true, "tzdata": tz}, "embeds_tzdata": embeds,
		"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
	}),
])

test_scratch_fires_with_copy_from_builder_that_installs if {
	some f in no_zoneinfo.deny with input as doc(true, false, false)
	f.line == 11
	contains(f.msg, "the final image (scratch) has no time zone database")
	f.edits == [{"line": 12, "column": 1, "end_line": 12, "end_column": 1, "text": "COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo\n"}]
}

# No stage has the database: the fix installs tzdata in the builder (the
# image family's package manager) and copies it from there, as the guide
# says; copying from the builder alone would fail (copies-uninstalled-files).
test_without_source_stage_installs_in_the_builder if {
	some f in no_zoneinfo.deny with input as doc(false, false, false)
	contains(f.fix, "Install tzdata in stage \"builder\" (`RUN apk add --no-cache tzdata`) and copy the database from it")
	contains(f.fix, "-tags timetzdata")
	f.edits == [
		{"line": 2, "column": 1, "end_line": 2, "end_column": 1, "text": "RUN apk add --no-cache tzdata\n"},
		{"line": 12, "column": 1, "end_line": 12, "end_column": 1, "text": "COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo\n"},
	]
}

test_debian_builder_installs_with_apt if {
	d := doc(false, false, false)
	builder := object.union(d.stages[0], {"image": testdoc.facts("golang:1.27")})
	some f in no_zoneinfo.deny with input as object.union(d, {"stages": [builder, d.stages[1]]})
	f.edits[0].text == "RUN apt-get update && apt-get install -y --no-install-recommends tzdata\n"
}

# An unnamed builder is named in the same fix.
test_unnamed_builder_is_named if {
	d := doc(false, false, false)
	builder := object.union(d.stages[0], {"name": "", "original": "FROM golang:1.25-alpine"})
	some f in no_zoneinfo.deny with input as object.union(d, {"stages": [builder, d.stages[1]]})
	f.edits == [
		{"line": 1, "column": 0, "end_line": 1, "end_column": 0, "text": "FROM golang:1.25-alpine AS builder"},
		{"line": 2, "column": 1, "end_line": 2, "end_column": 1, "text": "RUN apk add --no-cache tzdata\n"},
		{"line": 12, "column": 1, "end_line": 12, "end_column": 1, "text": "COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo\n"},
	]
}

# Where tzdata cannot be installed (no package manager known, a builder
# that does not run as root), no complete fix: prose only.
test_builder_that_cannot_install_gets_no_edit if {
	d := doc(false, false, false)
	builders := [
		object.union(d.stages[0], {"image": null}),
		object.union(d.stages[0], {"image": object.union(d.stages[0].image, {"user": "65532"})}),
	]
	every builder in builders {
		fs := no_zoneinfo.deny with input as object.union(d, {"stages": [builder, d.stages[1]]})
		count(fs) == 1
		every f in fs {
			contains(f.fix, "-tags timetzdata")
			f.edits == []
		}
	}
}

test_embedded_is_quiet if {
	count(no_zoneinfo.deny) == 0 with input as doc(false, false, true)
}

# A build whose tags cannot be known (ARG without a default, a Makefile).
test_unknown_tags_is_quiet if {
	count(no_zoneinfo.deny) == 0 with input as doc(false, false, null)
}

test_database_present_is_quiet if {
	count(no_zoneinfo.deny) == 0 with input as doc(false, true, false)
}

test_no_go_binary_is_quiet if {
	d := doc(false, false, false)
	count(no_zoneinfo.deny) == 0 with input as object.union(d, {"stages": [d.stages[0], object.union(d.stages[1], {"binaries": []})]})
}
