# METADATA
# title: Final image has no CA certificates
# description: |
#   scratch, busybox, debian and ubuntu ship no CA bundle. A Go program that
#   calls an HTTPS API (or any TLS service) from such an image fails every
#   request with "x509: certificate signed by unknown authority". The guide
#   copies /etc/ssl/certs/ca-certificates.crt from the builder; without that
#   COPY (or an install of ca-certificates) the image cannot verify anyone.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-ca-certificates
# custom:
#   id: GD011
#   severity: warning
#   fix_safety: unsafe
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

import data.golintdocker.lib.files
import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.packages
import data.golintdocker.lib.stages

# A runtime image that certainly has no CA bundle: its base image ships
# none, and nothing installs one (ca-certificates, or curl/wget/git with
# their recommends), copies one in, or points SSL_CERT_FILE elsewhere.
deny contains finding if {
	some s in images.linux_runtime
	s.files.ca_certs == false
	not network_none(s)
	msg := sprintf(
		"%s has no CA certificates and nothing copies or installs them: HTTPS clients fail with \"x509: certificate signed by unknown authority\"",
		[images.label(s)],
	)
	finding := object.union(findings.at_from(s, msg, fix(s)), {"edits": edits(s)})
}

# A BuildKit frontend that declares it runs without network.
network_none(s) if {
	some st in stages.chain(s)
	some i in st.instructions
	i.cmd == "label"
	some p in i.pairs
	p.key == "moby.buildkit.frontend.network.none"
	p.value == "true"
}

bundle := "/etc/ssl/certs/ca-certificates.crt"

fix(s) := sprintf("Copy the bundle from %s: `COPY --from=%s %s /etc/ssl/certs/`.", [stages.label(src), stages.from_name(src), bundle]) if {
	src := files.source(s, "ca_certs")
	src.name != ""
} else := sprintf("Name %s (`%s AS %s`) and copy the bundle from it: `COPY --from=%s %s /etc/ssl/certs/`.", [stages.label(src), src.original, name, name, bundle]) if {
	src := files.source(s, "ca_certs")
	[name, _] := reference(src)
} else := sprintf("Copy the bundle from %s: `COPY --from=%s %s /etc/ssl/certs/`.", [stages.label(src), stages.from_name(src), bundle]) if {
	src := files.source(s, "ca_certs")
} else := sprintf("Install the bundle: `%s`.", [cmd]) if {
	cmd := packages.install_command(s, "ca-certificates")
} else := "Copy /etc/ssl/certs/ca-certificates.crt from a builder stage that has it (golang:*-alpine, golang:* Debian), or ship on gcr.io/distroless/static-debian12, which has the bundle." if {
	images.ships_go(s)
} else := "Copy /etc/ssl/certs/ca-certificates.crt from a stage that has it (an alpine or Debian image with ca-certificates installed), or ship on an image that has the bundle."

# The COPY, with the name it needs given to the source stage when that has
# none: COPY --from by number is fragile (copy-from-index).
edits(s) := array.concat(naming_edits, [findings.insert_after_from(s, sprintf("COPY --from=%s %s /etc/ssl/certs/\n", [name, bundle]))]) if {
	src := files.source(s, "ca_certs")
	[name, naming_edits] := reference(src)
} else := []

reference(src) := findings.stage_reference(src, ["builder", "build", "build-stage"]) if {
	images.facts(src).go_toolchain == true
} else := findings.stage_reference(src, ["certs"])
