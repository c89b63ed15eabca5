# METADATA
# title: Final image runs as root
# description: |
#   Without a USER, a container runs as whatever its base image sets, and for
#   scratch, alpine, debian and distroless (other than :nonroot) that is root
#   (uid 0). A compromised process then owns everything in the container and
#   has the best odds of escaping it. A Go binary needs no privileges to
#   serve on a port above 1024: run it as a numeric non-root user.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#runs-as-root
# custom:
#   id: GD014
#   severity: warning
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

import data.golintdocker.lib

# An explicit USER root (or 0) is in effect.
deny contains finding if {
	ref := lib.final.user
	ref != null
	i := lib.instruction_at(ref)
	i.user.root
	finding := {
		"msg": sprintf("`%s` on line %d is the USER in effect: the final image (%s) runs as root", [i.original, i.line, lib.base_name(lib.final)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": "Switch to a non-root user after the steps that need root: `USER 65532:65532` (or a user the image defines).",
	}
}

# No USER: the base image's default user applies.
deny contains finding if {
	lib.final.user == null
	msg := default_root
	finding := object.union(lib.final_from_finding(msg, fix), {"edits": edits})
}

default_root := sprintf("no USER is set and the default user of the base image %s is root (uid 0): the container runs as root", [lib.base_name(lib.final)]) if {
	lib.final_facts.user == "0"
} else := sprintf("no USER is set and nothing is known about the base image %s: Docker runs the container as root unless that image sets a user", [lib.base_name(lib.final)]) if {
	not lib.final_facts.user
}

fix := "Add `USER 65532:65532` before the ENTRYPOINT/CMD (a numeric user needs no /etc/passwd, so it works in scratch), or ship on gcr.io/distroless/static-debian12:nonroot."

# Insert the USER before the first ENTRYPOINT/CMD in effect, when that is in
# the final stage itself.
edits := [lib.insert_at({"line": min(lines), "column": 1}, "USER 65532:65532\n")] if {
	lines := [ref.line |
		some ref in [lib.final.entrypoint, lib.final.cmd]
		ref != null
		ref.stage == lib.final.index
	]
	count(lines) > 0
} else := []
