# METADATA
# title: apt in a RUN, where apt-get is the command for scripts
# description: |
#   apt is the command for people at a terminal: its output and options
#   may change between releases, and it says so on every run ("WARNING: apt
#   does not have a stable CLI interface. Use with caution in scripts.").
#   apt-get (and apt-cache for search and show) keep a stable interface.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#apt-not-apt-get
# custom:
#   id: GD050
#   severity: info
#   fix_safety: unsafe
#   since: 0.2.0
#   aliases: [DL3027]
#   fix: Use apt-get (apt-cache for search, show and policy).
#   bad: |
#     RUN apt update && apt install -y curl
#   good: |
#     RUN apt-get update && apt-get install -y --no-install-recommends curl
package golintdocker.rules.apt_not_apt_get

import data.golintdocker.lib.findings
import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, _, i] in instructions.by_cmd.run
	some pc in i.run.package_commands
	pc.manager == "apt"
	pc.verb != ""
	c := i.run.commands[pc.command]
	finding := {
		"msg": sprintf("`apt %s` on line %d: apt's interface is for terminals and may change (it warns so in scripts); apt-get's is stable", [pc.verb, pc.line]),
		"line": pc.line,
		"end_line": pc.end_line,
		"edits": edits(c, pc),
	}
}

# apt becomes apt-get, for the verbs apt-get has.
edits(c, pc) := [findings.replace_span({"line": c.line, "column": c.column, "end_line": c.line, "end_column": c.column + 3}, "apt-get")] if {
	pc.verb in {"install", "update", "upgrade", "dist-upgrade", "remove", "purge", "autoremove", "autoclean", "clean", "build-dep", "source", "download", "satisfy", "reinstall"}
	c.exact
	c.argv[0] == "apt"
	count(object.get(c, "env", {})) == 0
} else := []
