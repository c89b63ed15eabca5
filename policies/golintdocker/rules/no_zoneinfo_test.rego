package golintdocker.tests.no_zoneinfo

import data.golintdocker.rules.no_zoneinfo

golang_alpine := {"name": "golang", "tag": "1.25-alpine", "image": "golang:1.25-alpine", "scratch": false}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

distroless := {"name": "gcr.io/distroless/static-debian12", "tag": "nonroot", "image": "gcr.io/distroless/static-debian12:nonroot", "scratch": false}

build(tags) := {"cmd": "run", "index": 1, "line": 5, "end_line": 5, "run": {
	"commands": [{"name": "go", "argv": ["go", "build"]}],
	"go": [{"subcommand": "build", "tags": tags, "line": 5, "end_line": 5}],
}}

apk_tzdata := {"cmd": "run", "index": 0, "line": 2, "end_line": 2, "run": {"commands": [{"name": "apk", "argv": ["apk", "add", "--no-cache", "tzdata"]}], "go": []}}

# A golang:*-alpine builder (lines 1-5) and a final stage FROM final_from at line 8.
doc(builder_instructions, final_from, final_instructions) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "builder", "root": 0, "used_by_final": true, "built": true,
			"line": 1, "from_end_line": 1, "from": golang_alpine, "instructions": builder_instructions,
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"line": 8, "from_end_line": 8, "from": final_from, "instructions": final_instructions,
		},
	],
}

test_scratch_fires_without_edit_when_no_stage_has_tzdata if {
	some f in no_zoneinfo.deny with input as doc([build([])], scratch, [])
	f.line == 8
	contains(f.msg, "(scratch) has no time zone database")
	contains(f.msg, "go list -deps ./... | grep -x time/tzdata")
	contains(f.fix, "-tags timetzdata")
	f.edits == []
}

test_alpine_final_fires_with_copy_from_builder_that_installs if {
	some f in no_zoneinfo.deny with input as doc([apk_tzdata, build([])], alpine, [])
	f.line == 8
	contains(f.msg, "alpine:3.22")
	f.edits == [{
		"line": 9, "column": 1, "end_line": 9, "end_column": 1,
		"text": "COPY --from=builder /usr/share/zoneinfo /usr/share/zoneinfo\n",
	}]
}

test_timetzdata_tag_is_quiet if {
	count(no_zoneinfo.deny) == 0 with input as doc([build(["netgo", "timetzdata"])], scratch, [])
}

test_copied_zoneinfo_is_quiet if {
	copy := {"cmd": "copy", "index": 0, "line": 9, "end_line": 9, "copy": {"dest_path": "/usr/share/zoneinfo", "from_stage": 0, "sources": ["/usr/share/zoneinfo"]}}
	count(no_zoneinfo.deny) == 0 with input as doc([apk_tzdata, build([])], scratch, [copy])
}

test_zoneinfo_env_is_quiet if {
	env := {"cmd": "env", "index": 0, "line": 9, "end_line": 9, "pairs": [{"key": "ZONEINFO", "value": "/zoneinfo.zip"}]}
	count(no_zoneinfo.deny) == 0 with input as doc([build([])], scratch, [env])
}

test_distroless_has_tzdata if {
	count(no_zoneinfo.deny) == 0 with input as doc([build([])], distroless, [])
}

test_not_go_is_quiet if {
	node := {"name": "node", "tag": "22-alpine", "image": "node:22-alpine", "scratch": false}
	d := {"final_stage": 1, "stages": [
		{"index": 0, "name": "web", "root": 0, "used_by_final": true, "built": true, "line": 1, "from_end_line": 1, "from": node, "instructions": []},
		{"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true, "line": 8, "from_end_line": 8, "from": scratch, "instructions": []},
	]}
	count(no_zoneinfo.deny) == 0 with input as d
}
