package golintdocker.tests.image_tag_latest

import data.golintdocker.rules.image_tag_latest

doc(from, instrs) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "line": 3, "from_end_line": 3, "root": 0,
		"from": from, "instructions": instrs,
	}],
}

image(name, tag, digest) := {
	"name": name, "tag": tag, "digest": digest, "image": concat(":", [name, tag]),
	"scratch": false, "stage": null, "unresolved": [],
}

pinned := image("alpine", "3.22", "")

test_from_without_tag_fires if {
	some f in image_tag_latest.deny with input as doc(object.union(image("alpine", "", ""), {"image": "alpine"}), [])
	f.line == 3
	contains(f.msg, "FROM alpine has no tag")
}

test_golang_latest_fires_with_go_version_fix if {
	some f in image_tag_latest.deny with input as doc(image("golang", "latest", ""), [])
	contains(f.msg, "golang:latest is tagged latest")
	contains(f.fix, "golang:1.27-alpine")
}

test_copy_from_image_fires if {
	c := {"cmd": "copy", "line": 9, "end_line": 9, "copy": {"from": "busybox", "from_image": {"name": "busybox", "tag": "", "digest": "", "scratch": false}}}
	some f in image_tag_latest.deny with input as doc(pinned, [c])
	f.line == 9
	contains(f.msg, "COPY --from=busybox has no tag")
}

test_mount_from_image_fires if {
	r := {"cmd": "run", "line": 11, "end_line": 11, "run": {"mounts": [{"from": "golang:latest", "from_stage": null}]}}
	some f in image_tag_latest.deny with input as doc(pinned, [r])
	f.line == 11
	contains(f.msg, "RUN --mount from=golang:latest")
}

test_pinned_and_digest_are_quiet if {
	count(image_tag_latest.deny) == 0 with input as doc(pinned, [])
	count(image_tag_latest.deny) == 0 with input as doc(image("alpine", "", "sha256:abc"), [])
}

test_scratch_stage_and_unresolved_are_quiet if {
	count(image_tag_latest.deny) == 0 with input as doc(object.union(image("scratch", "", ""), {"scratch": true}), [])
	count(image_tag_latest.deny) == 0 with input as doc(object.union(image("builder", "", ""), {"stage": 0}), [])
	count(image_tag_latest.deny) == 0 with input as doc(object.union(image("golang", "", ""), {"unresolved": ["GO_VERSION"]}), [])
}

test_stage_typo_is_left_to_copy_from_unknown_stage if {
	c := {"cmd": "copy", "line": 9, "end_line": 9, "copy": {"from": "bulder", "from_image": {"name": "bulder", "tag": "", "digest": "", "scratch": false}}}
	count(image_tag_latest.deny) == 0 with input as doc(pinned, [c])
}

test_unexpanded_variable_is_quiet if {
	c := {"cmd": "copy", "line": 9, "end_line": 9, "copy": {"from": "${BUILDER}", "from_image": {"name": "${BUILDER}", "tag": "", "digest": "", "scratch": false, "error": "invalid reference format"}}}
	count(image_tag_latest.deny) == 0 with input as doc(pinned, [c])
}

# A parser test case under testfiles/ is not built: no advice about it.
test_fixture_is_quiet if {
	s := {"index": 0, "line": 1, "from_end_line": 1, "from": {"image": "ubuntu", "name": "ubuntu", "tag": "", "digest": "", "scratch": false, "stage": null, "unresolved": []}, "instructions": []}
	count(image_tag_latest.deny) == 0 with input as {"fixture": true, "stages": [s], "args": []}
}
