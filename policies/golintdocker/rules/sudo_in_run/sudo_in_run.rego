# METADATA
# title: sudo in a RUN that already runs as root
# description: |
#   A RUN runs as the image's user, root unless a USER says otherwise:
#   sudo adds nothing there, and most base images (Debian, Ubuntu, Alpine,
#   distroless) do not have it, so the RUN fails with "sudo: not found".
#   Where root is needed after a USER, switch with `USER root` for those
#   RUNs and back. (Development containers, and sudo after a USER of
#   another user, are left alone: they set sudo up on purpose.)
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#sudo-in-run
# custom:
#   id: GD053
#   severity: warning
#   fix_safety: unsafe
#   since: 0.2.0
#   aliases: [DL3004, DS010]
#   fix: Drop sudo (the RUN runs as root), or use `USER root` for the RUNs that need it.
#   bad: |
#     FROM debian:bookworm-slim
#     RUN sudo apt-get update
#   good: |
#     FROM debian:bookworm-slim
#     RUN apt-get update
package golintdocker.rules.sudo_in_run

import data.golintdocker.lib.findings
import data.golintdocker.lib.images

deny contains finding if {
	not input.fixture
	some s in input.stages
	some r in s.commands_by_name.sudo
	i := s.instructions[r.instruction]
	c := i.run.commands[r.command]
	count(c.argv) > 1
	s.role != "dev"
	as_root(s, i)
	finding := {
		"msg": sprintf("RUN on line %d runs `sudo %s` as root already: sudo adds nothing, and most base images do not have it (\"sudo: not found\")", [i.line, c.argv[1]]),
		"line": c.line,
		"end_line": c.end_line,
		"edits": edits(c),
	}
}

# The RUN's user is root: USER root or 0, or no USER and an image whose
# default user is root.
as_root(_, i) if {
	is_string(i.run.user)
	u := split(i.run.user, ":")[0]
	u in {"root", "0"}
}

as_root(s, i) if {
	i.run.user == null
	images.facts(s).user == "0"
}

# `sudo ` goes, when sudo is the command as written and has no options.
edits(c) := [findings.replace_span({"line": c.line, "column": c.column, "end_line": c.line, "end_column": c.column + 5}, "")] if {
	c.exact
	c.argv[0] == "sudo"
	count(object.get(c, "env", {})) == 0
	not startswith(c.argv[1], "-")
} else := []
