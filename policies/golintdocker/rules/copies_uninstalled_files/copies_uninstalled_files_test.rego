package golintdocker.tests.copies_uninstalled_files

import data.golintdocker.testdoc

import data.golintdocker.rules.copies_uninstalled_files

golang_alpine := {"name": "golang", "tag": "1.21-alpine", "image": "golang:1.21-alpine", "scratch": false}

debian := {"name": "debian", "tag": "bookworm-slim", "image": "debian:bookworm-slim", "scratch": false}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

copy_from(stage, from, src, dest) := {"cmd": "copy", "index": 0, "line": 20, "end_line": 20, "copy": {
	"sources": [src], "dest_path": dest, "from": from, "from_stage": stage, "from_image": null,
}}

# What golint-docker says the builder's filesystem has.
bare := {"ca_certs": false, "tzdata": false}

certs := {"ca_certs": true, "tzdata": false}

tz := {"ca_certs": true, "tzdata": true}

unknown := {"ca_certs": null, "tzdata": null}

# A builder FROM builder_from whose files are files, and a scratch stage
# with one COPY.
doc(builder_from, files, copy) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "builder", "root": 0, "used_by_final": true, "built": true,
			"line": 1, "from_end_line": 1, "from": builder_from, "instructions": [], "files": files,
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"line": 10, "from_end_line": 10, "from": scratch, "instructions": [copy],
		},
	],
}

test_guide_zoneinfo_from_golang_alpine_fires if {
	some f in copies_uninstalled_files.deny with input as testdoc.doc(doc(golang_alpine, certs, copy_from(0, "builder", "/usr/share/zoneinfo", "/usr/share/zoneinfo")))
	f.line == 20
	contains(f.msg, `stage "builder"`)
	contains(f.msg, "golang:1.21-alpine ships no tzdata")
	contains(f.fix, "RUN apk add --no-cache tzdata")
	not "edits" in object.keys(f)
}

test_certs_from_debian_fires_with_apt_fix if {
	some f in copies_uninstalled_files.deny with input as testdoc.doc(doc(debian, bare, copy_from(0, "builder", "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs")))
	contains(f.msg, "debian:bookworm-slim ships no CA certificates")
	contains(f.fix, "apt-get install -y --no-install-recommends ca-certificates")
}

test_copy_from_image_fires if {
	alpine_ref := {"name": "alpine", "tag": "3.22", "scratch": false}
	c := {"cmd": "copy", "index": 0, "line": 20, "end_line": 20, "copy": {
		"sources": ["/usr/share/zoneinfo/UTC"], "dest_path": "/usr/share/zoneinfo/UTC",
		"from": "alpine:3.22", "from_stage": null, "from_image": alpine_ref,
		"from_image_facts": {"id": "alpine", "tzdata": false},
	}}
	some f in copies_uninstalled_files.deny with input as testdoc.doc(doc(golang_alpine, certs, c))
	contains(f.msg, "the image alpine:3.22 ships no tzdata")
}

test_installed_tzdata_is_quiet if {
	count(copies_uninstalled_files.deny) == 0 with input as testdoc.doc(doc(golang_alpine, tz, copy_from(0, "builder", "/usr/share/zoneinfo", "/usr/share/zoneinfo")))
}

test_certs_from_golang_alpine_are_there if {
	count(copies_uninstalled_files.deny) == 0 with input as testdoc.doc(doc(golang_alpine, certs, copy_from(0, "builder", "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs")))
}

test_unknown_builder_is_quiet if {
	image := {"name": "registry.example.com/go-builder", "tag": "2", "image": "registry.example.com/go-builder:2", "scratch": false}
	count(copies_uninstalled_files.deny) == 0 with input as testdoc.doc(doc(image, unknown, copy_from(0, "builder", "/usr/share/zoneinfo", "/usr/share/zoneinfo")))
}

test_other_paths_are_quiet if {
	count(copies_uninstalled_files.deny) == 0 with input as testdoc.doc(doc(golang_alpine, bare, copy_from(0, "builder", "/app/main", "/main")))
}
