# METADATA
# title: apt-get install without --no-install-recommends in a shipped image
# description: |
#   apt installs each package's recommended packages too, unless told not
#   to: a `curl` brings ca-certificates, libldap, publicsuffix and more,
#   often doubling what the image carries (and its CVEs) for nothing the
#   program uses. Only images that ship are reported (the stage is a
#   runtime image or one is built on it); name a recommended package
#   explicitly if it is needed.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#apt-no-install-recommends
# custom:
#   id: GD047
#   severity: info
#   fix_safety: unsafe
#   since: 0.2.0
#   aliases: [DL3015, DS029]
#   fix: Add --no-install-recommends, and name any recommended package the image does need.
#   bad: |
#     RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
#   good: |
#     RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
#      && rm -rf /var/lib/apt/lists/*
package golintdocker.rules.apt_no_install_recommends

import data.golintdocker.lib.findings
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.run
	s.in_image
	some pc in i.run.package_commands
	pc.manager in {"apt-get", "apt", "aptitude"}
	pc.verb == "install"
	not pc.no_recommends
	names := [a.name | some a in pc.args; not a.local]
	count(names) > 0
	finding := {
		"msg": sprintf("`%s install` on line %d installs %s with their recommended packages, into %s: add --no-install-recommends", [pc.manager, pc.line, concat(" ", names), stages.label(s)]),
		"line": pc.line,
		"end_line": pc.end_line,
		"edits": findings.insert_after_program(i.run.commands[pc.command], " --no-install-recommends"),
	}
}
