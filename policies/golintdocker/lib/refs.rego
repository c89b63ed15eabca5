# Helpers for the rules about what an image starts and what FROM, COPY --from
# and RUN --mount=from refer to (GD019-GD028). Plain comments on purpose: the
# package's METADATA block lives in lib.rego.
package golintdocker.lib

# The instruction a stage's user/healthcheck/entrypoint/cmd ref points at.
ref_instruction(ref) := input.stages[ref.stage].instructions[ref.instruction]

# What the final image starts: the ENTRYPOINT in effect, else the CMD in effect.
final_start := i if {
	r := object.get(final, "entrypoint", null)
	r != null
	i := ref_instruction(r)
} else := i if {
	object.get(final, "entrypoint", null) == null
	r := object.get(final, "cmd", null)
	r != null
	i := ref_instruction(r)
}

# A word BuildKit would accept as a stage name: bare, no registry, tag or
# digest, not a number.
stage_name_like(name) if regex.match(`^[A-Za-z][A-Za-z0-9_.-]*$`, name)

# A name golint-docker knows as an image (data.golintdocker.images), as a bare
# --from=alpine would pull it (alpine:latest).
known_image_name(name) if {
	ref := sprintf("%s:latest", [lower(name)])
	some img in data.golintdocker.images
	some pattern in img.match
	glob.match(pattern, ["/"], ref)
}

# --from=NAME (or a mount's from=NAME) that names no stage and looks like a
# mistyped stage name rather than an image: the copy-from-unknown-stage rule
# reports it, the image rules leave it alone.
unknown_stage_name(from) if {
	stage_name_like(from)
	not known_image_name(from)
}

# The tag and digest of an image reference as written ("" when absent):
# "golang:1.27@sha256:..." -> "1.27", "sha256:...".
image_ref_digest(s) := d if {
	contains(s, "@")
	d := split(s, "@")[1]
} else := ""

image_ref_tag(s) := t if {
	segs := split(split(s, "@")[0], "/")
	last := segs[count(segs) - 1]
	contains(last, ":")
	t := split(last, ":")[1]
} else := ""
