# METADATA
# title: Final image has no CA certificates
# description: |
#   scratch, busybox, debian and ubuntu ship no CA bundle. A Go program that
#   calls an HTTPS API (or any TLS service) from such an image fails every
#   request with "x509: certificate signed by unknown authority". The guide
#   copies /etc/ssl/certs/ca-certificates.crt from the builder; without that
#   COPY (or an install of ca-certificates) the image cannot verify anyone.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-ca-certificates
# custom:
#   id: GD011
#   severity: warning
#   guide: "1.8"
#   since: 0.1.0
#   fix: Copy the CA bundle from the builder (COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/) or install ca-certificates.
#   bad: |
#     FROM golang:1.27-alpine AS builder
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=builder /app /app
#     ENTRYPOINT ["/app"]
#   good: |
#     FROM golang:1.27-alpine AS builder
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM scratch
#     COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
#     COPY --from=builder /app /app
#     ENTRYPOINT ["/app"]
package golintdocker.rules.no_ca_certificates

import data.golintdocker.lib

# Where TLS libraries (Go's crypto/x509 among them) look for roots.
cert_paths := ["/etc/ssl/certs", "/etc/pki", "/etc/ssl/cert.pem", "/etc/ssl/ca-bundle.pem"]

deny contains finding if {
	lib.final_facts.ca_certs == false
	lib.lacks_files(lib.final, "ca_certs", "ca-certificates", cert_paths)
	not lib.chain_sets_env(lib.final, "SSL_CERT_FILE")
	not lib.chain_sets_env(lib.final, "SSL_CERT_DIR")
	msg := sprintf(
		"the final image (%s) has no CA certificates and nothing copies or installs them: HTTPS clients fail with \"x509: certificate signed by unknown authority\"",
		[lib.base_name(lib.final)],
	)
	finding := object.union(lib.final_from_finding(msg, fix), {"edits": edits})
}

bundle := "/etc/ssl/certs/ca-certificates.crt"

source := lib.files_source("ca_certs", "ca-certificates")

fix := sprintf("Copy the bundle from %s: `COPY --from=%s %s /etc/ssl/certs/`.", [lib.stage_label(source), lib.stage_from_name(source), bundle]) if {
	source
} else := sprintf("Install the bundle: `%s`.", [cmd]) if {
	cmd := lib.install_command(lib.final, "ca-certificates")
} else := "Copy /etc/ssl/certs/ca-certificates.crt from a builder stage that has it (golang:*-alpine, golang:* Debian), or ship on gcr.io/distroless/static-debian12, which has the bundle."

edits := [lib.insert_after_final_from(sprintf("COPY --from=%s %s /etc/ssl/certs/\n", [lib.stage_from_name(source), bundle]))] if {
	source
} else := []
