package golintdocker.tests.no_zoneinfo

import data.golintdocker.rules.no_zoneinfo

# A builder (stage 0) and the runtime image (stage 1, line 10) with a Go
# binary; tz says whether its filesystem has the database, embeds whether
# a binary embeds it.
doc(builder_tz, tz, embeds) := {
	"final_stage": 1,
	"runtime_stages": [1],
	"stages": [
		{
			"index": 0, "name": "builder", "root": 0, "built": true, "role": "builder",
			"line": 1, "from_end_line": 1, "from": {"image": "golang:1.25-alpine"}, "instructions": [],
			"files": {"ca_certs": true, "tzdata": builder_tz},
		},
		{
			"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "os": "linux",
			"line": 10, "from_end_line": 10, "from": {"image": "scratch", "scratch": true}, "instructions": [],
			"image": {"id": "scratch", "tzdata": false, "package_manager": "", "go_toolchain": false},
			"files": {"ca_certs": true, "tzdata": tz}, "embeds_tzdata": embeds,
			"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
		},
	],
}

test_scratch_fires_with_copy_from_builder_that_installs if {
	some f in no_zoneinfo.deny with input as doc(true, false, false)
	f.line == 10
	contains(f.msg, "the final image (scratch) has no time zone database")
	f.edits == [{"line": 11, "column": 1, "end_line": 11, "end_column": 1, "text": "COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo\n"}]
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
