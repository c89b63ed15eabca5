package golintdocker.tests.image_tag_latest

import data.golintdocker.rules.image_tag_latest

doc(from, instrs) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "line": 3, "from_end_line": 3, "root": 0,
		"from": from, "instructions": instrs,
	}],
}

image(name, tag, digest) := object.union(split_name(name), {
	"name": name, "tag": tag, "digest": digest, "image": concat(":", [name, tag]),
	"scratch": false, "stage": null, "unresolved": [],
})

# The registry and repository Docker normalises a familiar name to.
split_name(name) := {"registry": "docker.io", "repository": concat("/", ["library", name])} if {
	not contains(name, "/")
} else := {"registry": "docker.io", "repository": name} if {
	not contains(split(name, "/")[0], ".")
} else := {"registry": r, "repository": trim_prefix(name, concat("", [r, "/"]))} if {
	r := split(name, "/")[0]
}

copy_from(line, from, name, tag) := {"cmd": "copy", "line": line, "end_line": line, "copy": {"from": from, "from_image": object.union(image(name, tag, ""), {"image": from})}}

# RUN --mount from=FROM, the image NAME:TAG as the document splits it.
mount_from(line, from, name, tag) := {"cmd": "run", "line": line, "end_line": line, "run": {"mounts": [{"from": from, "from_stage": null, "from_image": image_ref(name, tag)}]}}

image_ref(name, tag) := object.union(split_name(name), {"name": name, "tag": tag, "digest": "", "scratch": false})

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
	some f in image_tag_latest.deny with input as doc(pinned, [mount_from(11, "golang:latest", "golang", "latest")])
	f.line == 11
	contains(f.msg, "RUN --mount from=golang:latest")
	contains(f.fix, "`golang:1.")
}

# from_image is null for a stage, a stage number or an unresolved variable.
test_mount_from_no_image_is_quiet if {
	every from in ["0", "${TOOLS}"] {
		r := {"cmd": "run", "line": 11, "end_line": 11, "run": {"mounts": [{"from": from, "from_stage": null, "from_image": null}]}}
		count(image_tag_latest.deny) == 0 with input as doc(pinned, [r])
	}
}

test_mount_from_pinned_is_quiet if {
	pin := mount_from(11, "golang:1.27-alpine", "golang", "1.27-alpine")
	digest := {"run": {"mounts": [object.union(pin.run.mounts[0], {"from": "golang@sha256:abc", "from_image": {"tag": "", "digest": "sha256:abc"}})]}}
	every r in [pin, object.union(pin, digest)] {
		count(image_tag_latest.deny) == 0 with input as doc(pinned, [r])
	}
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

# Images the project builds itself (docker build -t argocd-base .): a bare
# name that is no Docker Hub official image cannot be pulled, and latest is
# how local images are tagged.
test_locally_built_images_are_quiet if {
	count(image_tag_latest.deny) == 0 with input as doc(object.union(image("argocd-base", "", ""), {"image": "argocd-base"}), [])
	count(image_tag_latest.deny) == 0 with input as doc(image("argocd-test-tools", "latest", ""), [])
	count(image_tag_latest.deny) == 0 with input as doc(image("alpine-custom", "latest", ""), [])
	count(image_tag_latest.deny) == 0 with input as doc(pinned, [copy_from(9, "argocd-test-tools:latest", "argocd-test-tools", "latest")])
	count(image_tag_latest.deny) == 0 with input as doc(pinned, [mount_from(11, "argocd-test-tools:latest", "argocd-test-tools", "latest")])
	count(image_tag_latest.deny) == 0 with input as doc(pinned, [mount_from(11, "docker.io/library/protos-local", "protos-local", "")])
}

test_official_bare_names_still_fire if {
	some f in image_tag_latest.deny with input as doc(image("ubuntu", "latest", ""), [])
	contains(f.msg, "FROM ubuntu:latest is tagged latest")
	some g in image_tag_latest.deny with input as doc(pinned, [copy_from(9, "nginx:latest", "nginx", "latest")])
	contains(g.msg, "COPY --from=nginx:latest")
	some h in image_tag_latest.deny with input as doc(pinned, [mount_from(11, "docker.io/library/golang:latest", "golang", "latest")])
	contains(h.msg, "RUN --mount from=docker.io/library/golang:latest")
}

test_namespaced_and_registry_images_still_fire if {
	some f in image_tag_latest.deny with input as doc(object.union(image("gitpod/workspace-python", "", ""), {"image": "gitpod/workspace-python"}), [])
	contains(f.msg, "FROM gitpod/workspace-python has no tag")
	some g in image_tag_latest.deny with input as doc(image("registry.example.com/argocd-base", "latest", ""), [])
	contains(g.msg, "registry.example.com/argocd-base:latest is tagged latest")
	some h in image_tag_latest.deny with input as doc(pinned, [mount_from(11, "crazymax/gomod-updates", "crazymax/gomod-updates", "")])
	contains(h.msg, "RUN --mount from=crazymax/gomod-updates has no tag")
}

# A team that builds its own "node" says so in its configuration's data.
test_configuration_marks_a_name_local if {
	count(image_tag_latest.deny) == 0 with input as doc(image("node", "latest", ""), [])
		with data.golintdocker.official_images.names.node as false
}
