package golintdocker.tests.copy_whole_stage

import data.golintdocker.rules.copy_whole_stage

doc(builder_image, target_image, target_scratch) := {"fixture": false, "stages": [
	{"index": 0, "name": "build", "root": 0, "from": {"image": "golang:1.26-alpine", "scratch": false}, "image": builder_image, "instructions": []},
	{
		"index": 1, "name": "", "root": 1, "built": true, "from": {"image": "alpine:3.22", "scratch": target_scratch}, "image": target_image,
		"instructions": [{"index": 0, "cmd": "copy", "line": 6, "end_line": 6, "copy": {"from": "build", "from_stage": 0, "from_image_facts": null, "sources": ["/"], "dest_path": "/"}}],
	},
]}

golang := {"go_toolchain": true, "kind": "toolchain"}

alpine := {"go_toolchain": false, "kind": "os", "empty": false}

findings(d) := fs if {
	fs := copy_whole_stage.deny with input as d
}

test_builder_filesystem_fires if {
	some f in findings(doc(golang, alpine, false))
	f.msg == "COPY --from=build / / on line 6 copies the whole filesystem of golang:1.26-alpine into stage 1: the Go toolchain, the sources and the module cache ship with the binary"
}

test_os_over_os_fires if {
	some f in findings(doc(alpine, {"kind": "os", "empty": false}, false))
	contains(f.msg, "one distribution's files land over the other's")
}

# Flattening onto scratch, and unknown helper images (tonistiigi/xx).
test_squash_and_unknown_images_are_quiet if {
	count(findings(doc(alpine, null, true))) == 0
	count(findings(doc(null, alpine, false))) == 0
}
