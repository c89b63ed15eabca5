package golintdocker.tests.no_ca_certificates

import data.golintdocker.rules.no_ca_certificates
import data.golintdocker.testdoc

# A builder (stage 0, with or without a CA bundle) and the runtime image
# (stage 1 on image, FROM on lines 11-12) whose files say whether it has one.
doc(builder_certs, certs, image) := testdoc.stages([
	object.union(testdoc.stage(0, "builder", "golang:1.25-alpine", []), {"files": {"ca_certs": builder_certs, "tzdata": false}}),
	object.union(testdoc.stage(1, "", image, []), {
		"from_end_line": 12, "files": {"ca_certs": certs, "tzdata": false},
		"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
	}),
])

test_scratch_fires_with_copy_from_builder if {
	some f in no_ca_certificates.deny with input as doc(true, false, "scratch")
	f.line == 11
	f.end_line == 12
	contains(f.msg, "the final image (scratch) has no CA certificates")
	contains(f.msg, "x509: certificate signed by unknown authority")
	f.edits == [{"line": 13, "column": 1, "end_line": 13, "end_column": 1, "text": "COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"}]
}

# An unnamed builder is named in the same fix: COPY --from=0 would be a
# finding of copy-from-index.
test_unnamed_builder_is_named_by_the_fix if {
	d := doc(true, false, "scratch")
	builder := object.union(d.stages[0], {"name": "", "original": "FROM golang:1.25-alpine"})
	some f in no_ca_certificates.deny with input as object.union(d, {"stages": [builder, d.stages[1]]})
	contains(f.fix, "Name stage 0 (`FROM golang:1.25-alpine AS builder`) and copy the bundle from it: `COPY --from=builder ")
	f.edits == [
		{"line": 1, "column": 0, "end_line": 1, "end_column": 0, "text": "FROM golang:1.25-alpine AS builder"},
		{"line": 13, "column": 1, "end_line": 13, "end_column": 1, "text": "COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"},
	]
}

# An unnamed stage whose FROM spans lines is not rewritten: the fix says
# what to copy, with no edit.
test_unnamed_builder_on_several_lines_has_no_edit if {
	d := doc(true, false, "scratch")
	builder := object.union(d.stages[0], {"name": "", "original": "FROM golang:1.25-alpine", "from_end_line": 2})
	some f in no_ca_certificates.deny with input as object.union(d, {"stages": [builder, d.stages[1]]})
	contains(f.fix, "`COPY --from=0 ")
	f.edits == []
}

test_debian_without_source_stage_gets_install_fix if {
	some f in no_ca_certificates.deny with input as doc(false, false, "debian:bookworm-slim")
	contains(f.fix, "apt-get install -y --no-install-recommends ca-certificates")
	f.edits == []
}

# Installed (ca-certificates, or curl with its recommends), copied in, or
# SSL_CERT_FILE set: golint-docker says files.ca_certs is true.
test_certs_present_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as doc(true, true, "scratch")
}

# A tree copied onto /, or the bundle made by hand in a RUN: not known.
test_unknown_is_quiet if {
	count(no_ca_certificates.deny) == 0 with input as doc(true, null, "scratch")
}

test_export_stage_is_quiet if {
	d := doc(true, false, "scratch")
	count(no_ca_certificates.deny) == 0 with input as object.union(d, {"runtime_stages": []})
}

# A BuildKit frontend that runs without network makes no TLS calls.
test_network_none_frontend_is_quiet if {
	d := doc(true, false, "scratch")
	label := {"cmd": "label", "line": 13, "pairs": [{"key": "moby.buildkit.frontend.network.none", "value": "true", "raw": "\"true\""}]}
	stages := [d.stages[0], object.union(d.stages[1], {"instructions": [label]})]
	count(no_ca_certificates.deny) == 0 with input as object.union(d, {"stages": stages})
}

# A WebAssembly module on scratch is not a Linux process.
test_wasm_module_is_quiet if {
	d := doc(true, false, "scratch")
	count(no_ca_certificates.deny) == 0 with input as object.union(d, {"stages": [d.stages[0], object.union(d.stages[1], {"os": "wasm"})]})
}
