package golintdocker.tests.no_ca_certificates

import data.golintdocker.rules.no_ca_certificates

golang_alpine := {"name": "golang", "tag": "1.25-alpine", "image": "golang:1.25-alpine", "scratch": false}

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

debian := {"name": "debian", "tag": "bookworm-slim", "image": "debian:bookworm-slim", "scratch": false}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

# A builder on golang:*-alpine and a final stage FROM final_from (lines 10-11).
doc(final_from, final_instructions) := {
	"final_stage": 1,
	"stages": [
		{
			"index": 0, "name": "builder", "root": 0, "used_by_final": true, "built": true,
			"line": 1, "from_end_line": 1, "from": golang_alpine, "instructions": [],
		},
		{
			"index": 1, "name": "", "root": 1, "used_by_final": true, "built": true,
			"line": 10, "from_end_line": 11, "from": final_from, "instructions": final_instructions,
		},
	],
}

# The final stage alone.
single(final_from, final_instructions) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "root": 0, "used_by_final": true, "built": true,
		"line": 3, "from_end_line": 3, "from": final_from, "instructions": final_instructions,
	}],
}

copy_to(dest) := {"cmd": "copy", "index": 0, "line": 12, "end_line": 12, "copy": {"dest_path": dest, "from_stage": 0, "sources": ["/x"]}}

apt_install(pkgs) := {"cmd": "run", "index": 0, "line": 4, "end_line": 4, "run": {"commands": [
	{"name": "apt-get", "argv": ["apt-get", "update"]},
	{"name": "apt-get", "argv": array.concat(["apt-get", "install", "-y"], pkgs)},
]}}

test_scratch_fires_with_copy_from_builder if {
	some f in no_ca_certificates.deny with input as doc(scratch, [])
	f.line == 10
	f.end_line == 11
	contains(f.msg, "(scratch) has no CA certificates")
	contains(f.msg, "x509: certificate signed by unknown authority")
	f.edits == [{
		"line": 12, "column": 1, "end_line": 12, "end_column": 1,
		"text": "COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n",
	}]
}

test_debian_without_source_stage_fires_without_edit if {
	some f in no_ca_certificates.deny with input as single(debian, [apt_install(["tzdata"])])
	f.line == 3
	contains(f.msg, "debian:bookworm-slim")
	f.edits == []
	contains(f.fix, "apt-get install -y --no-install-recommends ca-certificates")
}

test_copied_bundle_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as doc(scratch, [copy_to("/etc/ssl/certs")])
}

test_copied_etc_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as doc(scratch, [copy_to("/etc")])
}

test_installed_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as single(debian, [apt_install(["ca-certificates", "tzdata"])])
}

test_alpine_has_bundle if {
	count(no_ca_certificates.deny) == 0 with input as doc(alpine, [])
}

test_unknown_image_is_quiet if {
	unknown := {"name": "registry.example.com/base", "tag": "1", "image": "registry.example.com/base:1", "scratch": false}
	count(no_ca_certificates.deny) == 0 with input as doc(unknown, [])
}

test_ssl_cert_file_is_quiet if {
	env := {"cmd": "env", "index": 0, "line": 12, "end_line": 12, "pairs": [{"key": "SSL_CERT_FILE", "value": "/certs/roots.pem"}]}
	count(no_ca_certificates.deny) == 0 with input as doc(scratch, [env])
}

binary_build := {"cmd": "run", "index": 0, "line": 3, "end_line": 3, "workdir": "/src", "run": {"commands": [], "go": [{"subcommand": "build", "output": "server", "tags": []}]}}

copy_onto_root(src) := {"cmd": "copy", "index": 0, "line": 12, "end_line": 12, "copy": {"dest_path": "/", "from_stage": 0, "sources": [src]}}

test_binary_copied_onto_root_still_fires if {
	d := json.patch(doc(scratch, [copy_onto_root("/src/server")]), [{"op": "add", "path": "/stages/0/instructions", "value": [binary_build]}])
	some f in no_ca_certificates.deny with input as d
	f.line == 10
}

test_tree_copied_onto_root_is_quiet if {
	d := json.patch(doc(scratch, [copy_onto_root("/rootfs")]), [{"op": "add", "path": "/stages/0/instructions", "value": [binary_build]}])
	count(no_ca_certificates.deny) == 0 with input as d
}
