package golintdocker.tests.untrusted_base_image

import data.golintdocker.rules.untrusted_base_image

golang := {"image": "golang:1.27-alpine", "name": "golang", "registry": "docker.io", "repository": "library/golang", "tag": "1.27-alpine", "scratch": false, "stage": null, "unresolved": []}

mirror := {"image": "registry.example.com/mirror/golang:1.27-alpine", "name": "registry.example.com/mirror/golang", "registry": "registry.example.com", "repository": "mirror/golang", "tag": "1.27-alpine", "scratch": false, "stage": null, "unresolved": []}

scratch := {"image": "scratch", "name": "scratch", "registry": "", "repository": "", "tag": "", "scratch": true, "stage": null, "unresolved": []}

doc(from) := {"final_stage": 1, "stages": [
	{"index": 0, "line": 1, "from_end_line": 1, "from": from, "instructions": []},
	{"index": 1, "line": 5, "from_end_line": 5, "from": scratch, "instructions": [{
		"cmd": "copy", "line": 6, "end_line": 6,
		"copy": {"from": "busybox:1.37", "from_image": {"name": "busybox", "registry": "docker.io", "repository": "library/busybox", "tag": "1.37"}},
	}]},
]}

trust(list) := {"golintdocker": {"config": {"trusted_registries": list}}}

test_hub_image_fires_when_only_a_mirror_is_trusted if {
	fs := untrusted_base_image.deny with input as doc(golang) with data.golintdocker.config as trust(["registry.example.com"]).golintdocker.config
	lines := {f.line | some f in fs}
	lines == {1, 6}
	some f in fs
	f.line == 1
	contains(f.msg, "docker.io/library/golang")
}

test_mirror_is_quiet if {
	fs := untrusted_base_image.deny with input as doc(mirror) with data.golintdocker.config as trust(["registry.example.com", "docker.io/library/busybox"]).golintdocker.config
	count(fs) == 0
}

test_familiar_names_match if {
	fs := untrusted_base_image.deny with input as doc(golang) with data.golintdocker.config as trust(["golang", "busybox"]).golintdocker.config
	count(fs) == 0
}

test_prefix_matches_only_whole_segments if {
	fs := untrusted_base_image.deny with input as doc(mirror) with data.golintdocker.config as trust(["registry.example.com/mir", "docker.io"]).golintdocker.config
	count(fs) == 1
}

test_no_configuration_is_quiet if {
	count(untrusted_base_image.deny) == 0 with input as doc(golang)
}

# FROM argocd-base after `docker build -t argocd-base`: built on this
# machine, pulled from no registry.
test_locally_built_image_is_quiet if {
	local := object.union(golang, {"image": "argocd-base", "name": "argocd-base", "repository": "library/argocd-base", "tag": ""})
	fs := untrusted_base_image.deny with input as doc(local) with data.golintdocker.config as trust(["registry.example.com", "docker.io/library/busybox"]).golintdocker.config
	count(fs) == 0
	namespaced := object.union(golang, {"image": "acme/argocd-base", "name": "acme/argocd-base", "repository": "acme/argocd-base", "tag": ""})
	gs := untrusted_base_image.deny with input as doc(namespaced) with data.golintdocker.config as trust(["registry.example.com", "docker.io/library/busybox"]).golintdocker.config
	{f.line | some f in gs} == {1}
}
