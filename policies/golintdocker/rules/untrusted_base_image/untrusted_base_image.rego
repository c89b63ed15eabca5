# METADATA
# title: Image from a registry the configuration does not trust
# description: |
#   A platform team can restrict where base images come from with
#   trusted-registries in .golint-docker.yaml (registries such as
#   registry.example.com, or repository prefixes such as gcr.io/distroless).
#   Images pulled from anywhere else — in FROM, COPY --from or RUN
#   --mount=from — bypass the team's mirroring, scanning and signing. The
#   rule does nothing until trusted-registries is set, and says nothing
#   about an image the project builds itself (a bare name that is no
#   Docker Hub official image: FROM argocd-base after
#   docker build -t argocd-base): no registry serves it.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#untrusted-base-image
# custom:
#   id: GD029
#   severity: error
#   guide: "3"
#   since: 0.1.0
#   fix: Use the approved mirror of the image, or add its registry to trusted-registries.
#   bad: |
#     # .golint-docker.yaml: trusted-registries: [registry.example.com]
#     FROM golang:1.27-alpine AS build
#   good: |
#     FROM registry.example.com/mirror/golang:1.27-alpine AS build
package golintdocker.rules.untrusted_base_image

import data.golintdocker.lib.files
import data.golintdocker.lib.images

# Set by golint-docker from trusted-registries in .golint-docker.yaml.
trusted := t if {
	t := data.golintdocker.config.trusted_registries
} else := []

deny contains finding if {
	count(trusted) > 0
	some s in input.stages
	s.from.stage == null
	not s.from.scratch
	count(s.from.unresolved) == 0
	not images.local_image(s.from)
	not allowed(s.from)
	finding := {
		"msg": sprintf("%s comes from %s, which is not in trusted-registries (%s)", [s.from.image, full_name(s.from), concat(", ", trusted)]),
		"line": s.line,
		"end_line": s.from_end_line,
	}
}

deny contains finding if {
	count(trusted) > 0
	some [_, i] in files.copies
	ref := i.copy.from_image
	ref != null
	not images.local_image(ref)
	not allowed(ref)
	finding := {
		"msg": sprintf("COPY --from=%s comes from %s, which is not in trusted-registries (%s)", [i.copy.from, full_name(ref), concat(", ", trusted)]),
		"line": i.line,
		"end_line": i.end_line,
	}
}

# docker.io/library/golang
full_name(ref) := concat("/", [ref.registry, ref.repository])

allowed(ref) if {
	some t in trusted
	under(full_name(ref), t)
}

# "golang" or "bitnami/golang" as Docker Hub users write them
allowed(ref) if {
	some t in trusted
	under(ref.name, t)
}

under(name, prefix) if name == prefix

under(name, prefix) if startswith(name, concat("", [trim_suffix(prefix, "/"), "/"]))
