package golintdocker.tests.no_ca_certificates

import data.golintdocker.rules.no_ca_certificates

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

# A builder (stage 0, with or without a CA bundle) and the runtime image
# (stage 1, lines 10-11) whose files say whether it has one.
doc(builder_certs, certs, facts) := {
	"final_stage": 1,
	"runtime_stages": [1],
	"stages": [
		{
			"index": 0, "name": "builder", "root": 0, "built": true, "role": "builder",
			"line": 1, "from_end_line": 1, "from": {"image": "golang:1.25-alpine"}, "instructions": [],
			"files": {"ca_certs": builder_certs, "tzdata": false},
		},
		{
			"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "os": "linux",
			"line": 10, "from_end_line": 11, "from": scratch, "instructions": [], "image": facts,
			"files": {"ca_certs": certs, "tzdata": false}, "binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
		},
	],
}

scratch_facts := {"id": "scratch", "ca_certs": false, "package_manager": ""}

test_scratch_fires_with_copy_from_builder if {
	some f in no_ca_certificates.deny with input as doc(true, false, scratch_facts)
	f.line == 10
	f.end_line == 11
	contains(f.msg, "the final image (scratch) has no CA certificates")
	contains(f.msg, "x509: certificate signed by unknown authority")
	f.edits == [{"line": 12, "column": 1, "end_line": 12, "end_column": 1, "text": "COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"}]
}

test_debian_without_source_stage_gets_install_fix if {
	some f in no_ca_certificates.deny with input as doc(false, false, {"id": "debian", "ca_certs": false, "package_manager": "apt"})
	contains(f.fix, "apt-get install -y --no-install-recommends ca-certificates")
	f.edits == []
}

# Installed (ca-certificates, or curl with its recommends), copied in, or
# SSL_CERT_FILE set: golint-docker says files.ca_certs is true.
test_certs_present_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as doc(true, true, scratch_facts)
}

# A tree copied onto /, or the bundle made by hand in a RUN: not known.
test_unknown_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as doc(true, null, scratch_facts)
}

test_export_stage_is_quiet if {
	d := doc(true, false, scratch_facts)
	count(no_ca_certificates.deny) == 0 with input as object.union(d, {"runtime_stages": []})
}

# A BuildKit frontend that runs without network makes no TLS calls.
test_network_none_frontend_is_quiet if {
	d := doc(true, false, scratch_facts)
	label := {"index": 0, "cmd": "label", "line": 12, "pairs": [{"key": "moby.buildkit.frontend.network.none", "value": "true", "raw": "\"true\""}]}
	stages := [d.stages[0], object.union(d.stages[1], {"instructions": [label]})]
	count(no_ca_certificates.deny) == 0 with input as object.union(d, {"stages": stages})
}

# A WebAssembly module on scratch is not a Linux process.
test_wasm_module_is_quiet if {
	d := doc(true, false, scratch_facts)
	count(no_ca_certificates.deny) == 0 with input as object.union(d, {"stages": [d.stages[0], object.union(d.stages[1], {"os": "wasm"})]})
}
