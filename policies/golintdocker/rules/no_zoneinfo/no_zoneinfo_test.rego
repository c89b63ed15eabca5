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

test_without_source_stage_suggests_the_tag if {
	some f in no_zoneinfo.deny with input as doc(false, false, false)
	contains(f.fix, "-tags timetzdata")
	f.edits == []
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
