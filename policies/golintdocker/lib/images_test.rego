package golintdocker.lib.images_test

import data.golintdocker.lib.images
import data.golintdocker.testdoc

# A builder (0), a debug image (1), a Windows image (2) and the final image
# (3), scratch, with a binary; 1 and 3 are runtime images.
image_doc := object.union(
	testdoc.stages([
		testdoc.stage(0, "build", "golang:1.27-alpine", []),
		testdoc.stage(1, "debug", "alpine:3.22", []),
		object.union(testdoc.stage(2, "win", "golang:1.27-windowsservercore", []), {"os": "windows"}),
		object.union(testdoc.stage(3, "", "scratch", []), {"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}]}),
	]),
	{"runtime_stages": [1, 2, 3]},
)

unknown := object.union(testdoc.stage(0, "", "example.com/acme/base:1", []), {"image": null})

test_facts_of_a_known_image if {
	s := image_doc.stages[3]
	images.facts(s).id == "scratch"
	images.lacks_fact(s, "shell")
	not images.has_fact(s, "shell")
	images.has_fact(image_doc.stages[1], "shell")
	not images.lacks_fact(image_doc.stages[1], "shell")
}

test_an_unknown_image_has_no_facts if {
	images.facts(unknown) == {}
	not images.has_fact(unknown, "shell")
	not images.lacks_fact(unknown, "shell")
}

test_final_facts if {
	images.final_facts.id == "scratch" with input as image_doc
}

test_windows if {
	images.windows(image_doc.stages[2])
	not images.windows(image_doc.stages[1])
	not images.windows(unknown)
}

test_runtime_images if {
	[s.index | some s in images.runtime] == [1, 2, 3] with input as image_doc
	[s.index | some s in images.linux_runtime] == [1, 3] with input as image_doc
}

test_label_names_the_final_image if {
	images.label(image_doc.stages[3]) == "the final image (scratch)" with input as image_doc
}

test_label_says_what_hides_a_runtime_stage if {
	d := object.union(image_doc, {"stages": [
		image_doc.stages[0],
		image_doc.stages[1],
		image_doc.stages[2],
		object.union(image_doc.stages[3], {"role": "check", "final": false}),
	]})
	images.label(d.stages[1]) == `the image of stage "debug" (alpine:3.22; the last stage, stage 3, is a check stage and does not build it)` with input as d
}

test_label_of_a_runtime_stage_the_final_stage_builds_on if {
	d := testdoc.stages([
		testdoc.stage(0, "runtime", "alpine:3.22", []),
		object.union(testdoc.child(1, "", testdoc.stage(0, "runtime", "alpine:3.22", []), []), {"final": false}),
	])
	images.label(d.stages[0]) == `the image of stage "runtime" (alpine:3.22)` with input as d
}

test_ships_go if {
	images.ships_go(image_doc.stages[3])
	not images.ships_go(image_doc.stages[1])
}

test_ships_go_prebuilt if {
	s := object.union(image_doc.stages[1], {"prebuilt": [{"path": "/usr/local/bin/cosign", "by": "ko", "stage": 1, "instruction": 0, "line": 3, "evidence": "..."}]})
	images.ships_go(s)
}

test_stage_names_and_image_names if {
	images.stage_name_like("builder")
	not images.stage_name_like("2")
	not images.stage_name_like("ghcr.io/acme/protos:v1")
	images.known_name("alpine")
	not images.known_name("bulder")
	images.unknown_stage_name("bulder")
	not images.unknown_stage_name("alpine")
	not images.unknown_stage_name("golang:1.27")
}

ref(registry, repository) := {"registry": registry, "repository": repository}

test_library_name if {
	images.library_name(ref("docker.io", "library/alpine")) == "alpine"
	not images.library_name(ref("docker.io", "gitpod/workspace-python"))
	not images.library_name(ref("gcr.io", "distroless/static"))
	not images.library_name(ref("localhost:5000", "tools"))
	not images.library_name({"registry": "", "repository": "", "scratch": true})
}

test_official_images if {
	images.official("alpine")
	images.official("golang")
	images.official("centos") # deprecated, still pulled
	not images.official("argocd-base")
	not images.official("alpine-custom")
}

test_local_image if {
	images.local_image(ref("docker.io", "library/argocd-base"))
	images.local_image(ref("docker.io", "library/alpine-custom"))
	not images.local_image(ref("docker.io", "library/alpine"))
	not images.local_image(ref("docker.io", "gitpod/workspace-python"))
	not images.local_image(ref("registry.example.com", "argocd-base"))
}

test_a_configuration_extends_the_official_images if {
	not images.local_image(ref("docker.io", "library/newimage")) with data.golintdocker.official_images.names.newimage as true
	images.local_image(ref("docker.io", "library/node")) with data.golintdocker.official_images.names.node as false
}

# The shipped list: names as Docker Hub's library writes them (a path
# component: alphanumerics joined by . _ -), each true, with its date.
test_official_images_data_is_well_formed if {
	d := data.golintdocker.official_images
	regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, d.as_of)
	count(d.names) > 250
	every name, official in d.names {
		official == true
		regex.match(`^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$`, name)
	}
}

test_ref_tag_and_digest if {
	images.ref_tag("golang:1.27-alpine") == "1.27-alpine"
	images.ref_tag("registry.example.com:5000/golang") == ""
	images.ref_tag("golang:1.27@sha256:abc") == "1.27"
	images.ref_digest("golang:1.27@sha256:abc") == "sha256:abc"
	images.ref_digest("golang:1.27") == ""
}
