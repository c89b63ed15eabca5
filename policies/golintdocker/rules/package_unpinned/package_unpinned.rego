# METADATA
# title: apt-get install or apk add without versions
# description: |
#   Without a version, each build installs whatever the distribution has
#   that day: two builds of one commit can differ. Pinning
#   (`curl=7.88.1-10+deb12u12`, `curl=8.14.1-r1`) makes the build
#   repeatable, at a price: the pins break when the distribution drops the
#   old version and hold back security fixes until someone bumps them.
#   Off by default, as in hadolint: turn it on with `--enable
#   package-unpinned` or `enable: [package-unpinned]` in .golint-docker.yaml.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#package-unpinned
# custom:
#   id: GD052
#   severity: info
#   default: off
#   since: 0.2.0
#   aliases: [DL3008, DL3018]
#   fix: Pin each package to the version you tested (`apt-get install -y curl=<version>`, `apk add curl=<version>`; `apt-cache policy curl` or `apk policy curl` shows it) and let Renovate or Dependabot bump the pins.
#   bad: |
#     RUN apk add --no-cache ca-certificates tzdata
#   good: |
#     RUN apk add --no-cache ca-certificates=20250619-r0 tzdata=2025b-r0
package golintdocker.rules.package_unpinned

import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, _, i] in instructions.by_cmd.run
	some pc in i.run.package_commands
	installs(pc)
	names := pc.unpinned
	count(names) > 0
	finding := {
		"msg": sprintf("`%s %s` on line %d installs %s without a version: each build gets whatever the distribution has that day", [pc.manager, pc.verb, pc.line, concat(" ", names)]),
		"line": pc.line,
		"end_line": pc.end_line,
	}
}

installs(pc) if {
	pc.manager in {"apt-get", "apt", "aptitude"}
	pc.verb == "install"
}

installs(pc) if {
	pc.manager == "apk"
	pc.verb == "add"
}
