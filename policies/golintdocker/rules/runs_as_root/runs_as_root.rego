# METADATA
# title: The image runs as root
# description: |
#   Without a USER, a container runs as whatever its base image sets, and for
#   scratch, alpine, debian and distroless (other than :nonroot) that is root
#   (uid 0). Checked on runtime images whose base image is known (an image
#   golint-docker knows nothing about may set a user). A compromised process then owns everything in the container and
#   has the best odds of escaping it. A Go binary needs no privileges to
#   serve on a port above 1024: run it as a numeric non-root user.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#runs-as-root
# custom:
#   id: GD014
#   severity: warning
#   fix_safety: unsafe
#   guide: "1.9"
#   since: 0.1.0
#   fix: Add `USER 65532:65532` before the ENTRYPOINT (a numeric user needs no /etc/passwd), or ship on a :nonroot distroless image.
#   bad: |
#     FROM scratch
#     COPY --from=builder /app /app
#     ENTRYPOINT ["/app"]
#   good: |
#     FROM scratch
#     COPY --from=builder /app /app
#     USER 65532:65532
#     ENTRYPOINT ["/app"]
package golintdocker.rules.runs_as_root

import data.golintdocker.lib.files
import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.packages
import data.golintdocker.lib.paths

# An explicit USER root (or 0) is in effect.
deny contains finding if {
	some s in images.linux_runtime
	s.user != null
	i := instructions.at(s.user)
	i.user.root
	finding := {
		"msg": sprintf("`%s` on line %d is the USER in effect: %s runs as root", [i.original, i.line, images.label(s)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": "Switch to a non-root user after the steps that need root: `USER 65532:65532` (or a user the image defines).",
	}
}

# No USER: the base image's default user applies, when it is known.
deny contains finding if {
	some s in images.linux_runtime
	s.user == null
	images.facts(s).user == "0"
	not drops_privileges(s)
	msg := sprintf("no USER is set and the default user of %s is root (uid 0): the container runs as root", [images.label(s)])
	finding := object.union(findings.at_from(s, msg, fix(s)), {"edits": edits(s)})
}

# The image starts as root on purpose: its entrypoint drops to a user with
# su-exec or gosu (gitea, vault, syncthing: it chowns volumes first), and a
# USER would break that. Installed by a package manager or copied in.
drops_privileges(s) if {
	some tool in privilege_droppers
	packages.installs(s, tool)
}

drops_privileges(s) if {
	some c in files.chain_copies(s)
	some p in array.concat(c.sources, [c.dest_path])
	some tool in privilege_droppers
	contains(p, tool) # cheap, before the basename's regex
	startswith(paths.base(p), tool)
}

privilege_droppers := {"su-exec", "gosu"}

# A Go binary runs from scratch as any numeric user; other images get a
# generic fix.
fix(s) := "Add `USER 65532:65532` before the ENTRYPOINT/CMD (a numeric user needs no /etc/passwd, so it works in scratch), or ship on gcr.io/distroless/static-debian12:nonroot." if {
	images.ships_go(s)
} else := sprintf("Add a USER with a non-root user before the ENTRYPOINT/CMD%s: a numeric one (`USER 10001:10001`) needs no passwd entry, or create one first (`useradd`/`adduser`); give it the files it writes.", [image_user_note(s)])

image_user_note(s) := sprintf(" (the image defines %s)", [concat(", ", others)]) if {
	others := [u | some u in images.facts(s).users; not u in {"root", "bin", "daemon", "nobody", "guest"}]
	count(others) > 0
} else := ""

# Insert the USER before the first ENTRYPOINT/CMD in effect, when that is in
# the stage itself.
edits(s) := [findings.insert_at({"line": min(lines), "column": 1}, "USER 65532:65532\n")] if {
	images.ships_go(s)
	lines := [ref.line |
		some ref in [s.entrypoint, s.cmd]
		ref != null
		ref.stage == s.index
	]
	count(lines) > 0
} else := []
