# METADATA
# title: apt-get install (or upgrade, remove) without -y
# description: |
#   apt-get asks "Do you want to continue? [Y/n]" before it installs more
#   than the packages named (their dependencies), upgrades or removes
#   anything. A build has no terminal: the question reads end-of-file, apt
#   answers no, prints "Abort." and the RUN fails. -y (or -qq, --yes,
#   APT::Get::Assume-Yes in apt's configuration) answers it.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#apt-get-no-yes
# custom:
#   id: GD046
#   severity: warning
#   fix_safety: safe
#   since: 0.2.0
#   aliases: [DL3014, DS021]
#   fix: Add -y (`apt-get install -y --no-install-recommends ...`).
#   bad: |
#     RUN apt-get update && apt-get install curl
#   good: |
#     RUN apt-get update && apt-get install -y --no-install-recommends curl \
#      && rm -rf /var/lib/apt/lists/*
package golintdocker.rules.apt_get_no_yes

import data.golintdocker.lib.findings
import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, _, i] in instructions.by_cmd.run
	some pc in i.run.package_commands
	not pc.assume_yes
	pc.manager in {"apt-get", "apt", "aptitude"}
	pc.verb in asking_verbs
	finding := {
		"msg": sprintf("`%s %s` on line %d has no -y: when it has more to do than the packages named, it asks to confirm, the build has no terminal to answer, and apt gives up (\"Abort.\")", [pc.manager, pc.verb, pc.line]),
		"line": pc.line,
		"end_line": pc.end_line,
		"edits": findings.insert_after_program(i.run.commands[pc.command], " -y"),
	}
}

asking_verbs := {"install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "reinstall", "build-dep"}
