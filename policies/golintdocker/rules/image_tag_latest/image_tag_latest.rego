# METADATA
# title: Image without a tag, or tagged latest
# description: |
#   An image with no tag means :latest, and :latest moves: the same
#   Dockerfile builds on a new Go release, a new Alpine or a new distroless
#   the day one is pushed, so builds stop being reproducible and break
#   without any change in the repository. This applies to FROM, to
#   COPY --from=<image> and to RUN --mount=from=<image> alike. A bare name
#   that is no Docker Hub official image (FROM argocd-base, after
#   docker build -t argocd-base) cannot be pulled from anywhere: the project
#   builds it itself, and latest is how local images are tagged, so the
#   rule says nothing about it.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#image-tag-latest
# custom:
#   id: GD023
#   severity: warning
#   guide: "3"
#   since: 0.1.0
#   fix: Pin a version tag, and a digest for reproducibility (golang:1.27.3-alpine@sha256:...).
#   bad: |
#     FROM golang:latest AS build
#     FROM alpine
#   good: |
#     FROM golang:1.27-alpine AS build
#     FROM alpine:3.22@sha256:...
package golintdocker.rules.image_tag_latest

import data.golintdocker.lib.files
import data.golintdocker.lib.images

deny contains finding if {
	not input.fixture
	some s in input.stages
	s.from.tag in {"", "latest"}
	s.from.stage == null
	not s.from.scratch
	count(s.from.unresolved) == 0
	object.get(s.from, "error", "") == ""
	not images.local_image(s.from)
	floating(s.from.tag, s.from.digest)
	finding := {
		"msg": sprintf("FROM %s %s: the build gets whatever %s:latest is that day", [s.from.image, how(s.from.tag), s.from.name]),
		"line": s.line,
		"end_line": s.from_end_line,
		"fix": fix(s.from.name),
	}
}

deny contains finding if {
	not input.fixture
	some [_, i] in files.copies
	ref := i.copy.from_image
	ref != null
	ref.tag in {"", "latest"}
	not ref.scratch
	not images.unknown_stage_name(i.copy.from)
	not contains(i.copy.from, "$")
	not images.local_image(ref)
	floating(ref.tag, ref.digest)
	finding := {
		"msg": sprintf("COPY --from=%s %s: the files come from whatever %s:latest is that day", [i.copy.from, how(ref.tag), ref.name]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": fix(ref.name),
	}
}

deny contains finding if {
	not input.fixture
	some [_, i, m] in files.from_mounts
	ref := m.from_image
	ref != null
	not images.unknown_stage_name(m.from)
	not images.local_image(ref)
	floating(ref.tag, ref.digest)
	name := split(split(m.from, "@")[0], ":latest")[0]
	finding := {
		"msg": sprintf("RUN --mount from=%s %s: the mount comes from whatever %s:latest is that day", [m.from, how(ref.tag), name]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": fix(name),
	}
}

floating(tag, digest) if {
	tag in {"", "latest"}
	digest == ""
}

how("") := "has no tag, so it floats"

how("latest") := "is tagged latest, so it floats"

fix(name) := sprintf("Pin the Go version: `%s:%s-alpine` (or -bookworm), and a digest for reproducibility (`%s:%s.N-alpine@sha256:...`); Dependabot and Renovate keep pinned tags and digests current.", [name, newest_go, name, newest_go]) if {
	name == "golang"
} else := sprintf("Pin a version tag, and a digest for reproducibility (`%s:<version>@sha256:...`); Dependabot and Renovate keep pinned tags and digests current.", [name])

newest_go := max([[to_number(p[0]), to_number(p[1]), v] |
	some v in data.golintdocker.go.supported
	p := split(v, ".")
])[2]
