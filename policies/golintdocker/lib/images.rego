# METADATA
# title: Images
# description: |
#   The images a Dockerfile builds and rests on: the facts golint-docker
#   knows about a stage's base image (data.golintdocker.images, resolved into
#   the document), the runtime images the image rules check and how a
#   finding names them, and what a reference names (an image of Docker
#   Hub's library, one built locally, or a stage name mistyped as one).
# schemas:
#   - input: schema.input
package golintdocker.lib.images

import data.golintdocker.lib.stages

# Facts about the image a stage rests on (golint-docker works them out from
# data.golintdocker.images when it builds the document); {} when the image
# is unknown.
facts(s) := s.image if {
	s.image != null
} else := {}

# The image of stage s is known to have fact name (true). An unknown image
# has no facts, so it never triggers a rule.
has_fact(s, name) if s.image[name] == true

# The image of stage s is known to lack fact name (false).
lacks_fact(s, name) if s.image[name] == false

# The facts of the final stage's image.
final_facts := facts(stages.final)

# The image of stage s is a Windows image.
windows(s) if s.image.os == "windows"

# The runtime images the runtime-image rules check: the final stage when it
# is one, else the runtime stages the last stage would hide (see
# runtime_stages in the input schema).
runtime := [input.stages[k] | some k in input.runtime_stages]

# The runtime images that are Linux images (not Windows, not a WebAssembly
# module): Linux advice applies.
linux_runtime := [s | some s in runtime; not s.os in {"windows", "wasm"}]

# How a finding names a runtime image: the final image, or a stage the last
# stage hides (with what the last stage is).
label(s) := sprintf("the final image (%s)", [stages.base_name(s)]) if {
	s.final
} else := sprintf("the image of %s (%s; the last stage, %s, is a %s stage and does not build it)", [stages.label(s), stages.base_name(s), stages.label(stages.final), stages.final.role]) if {
	not s.index in stages.final_chain_positions
} else := sprintf("the image of %s (%s)", [stages.label(s), stages.base_name(s)])

# The runtime image s holds a Go binary: built in this Dockerfile, or
# ready-made (ko, GoReleaser).
ships_go(s) if count(s.binaries) > 0

ships_go(s) if count(s.prebuilt) > 0

# The tag of an image reference as written, "" when absent:
# "golang:1.27@sha256:..." -> "1.27". (The document splits the references
# of FROM, COPY --from and RUN --mount from=: from_image; this is for
# references found elsewhere, e.g. in a custom rule.)
ref_tag(ref) := t if {
	segs := split(split(ref, "@")[0], "/")
	last := segs[count(segs) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
} else := ""

# The digest of an image reference as written, "" when absent:
# "golang:1.27@sha256:..." -> "sha256:...".
ref_digest(ref) := d if {
	contains(ref, "@")
	d := split(ref, "@")[1]
} else := ""

# A word BuildKit would accept as a stage name: bare, no registry, tag or
# digest, not a number.
stage_name_like(name) if regex.match(`^[A-Za-z][A-Za-z0-9_.-]*$`, name)

# A name golint-docker knows as an image (data.golintdocker.images), as a
# bare --from=alpine would pull it (alpine:latest).
known_name(name) if {
	ref := sprintf("%s:latest", [lower(name)])
	some img in data.golintdocker.images
	some pattern in img.match
	glob.match(pattern, ["/"], ref)
}

# --from=NAME (or a mount's from=NAME) that names no stage and looks like a
# mistyped stage name rather than an image: copy-from-unknown-stage reports
# it, the image rules leave it alone.
unknown_stage_name(from) if {
	stage_name_like(from)
	not known_name(from)
}

# The name an image reference has in Docker Hub's library, as Docker
# normalises it: "alpine", "library/alpine" and "docker.io/alpine:3" are
# docker.io/library/alpine, so "alpine". Undefined for another registry or
# namespace (gcr.io/distroless/static, gitpod/workspace-python). ref is a
# split reference (registry and repository) as the document gives it for
# FROM, COPY --from and RUN --mount from= (from_image).
library_name(ref) := substring(ref.repository, 8, -1) if {
	ref.registry == "docker.io"
	startswith(ref.repository, "library/")
}

# name is a Docker Hub official image (data.golintdocker.official_images).
official(name) if data.golintdocker.official_images.names[name] == true

# ref names an image built on this machine, not one pulled: a bare name
# (docker.io/library/NAME once normalised) that is no official image, so
# no registry serves it. `docker build -t argocd-base .` made it, and how
# it is tagged is the project's own business. Rules that judge where an
# image comes from say nothing about it.
local_image(ref) if {
	name := library_name(ref)
	not official(name)
}
