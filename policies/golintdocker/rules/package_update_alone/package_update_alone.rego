# METADATA
# title: apt-get update (or apk update) in a RUN of its own, before a later install
# description: |
#   Docker caches each RUN's layer by its text. An `apt-get update` alone in
#   its RUN is cached once and reused: when the later `apt-get install`
#   changes, it installs from package lists as old as that cache, getting
#   outdated versions, or 404 errors once the mirror has dropped them.
#   Update and install in the same RUN.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#package-update-alone
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: GD048
#   severity: warning
#   since: 0.2.0
#   aliases: [DS017]
#   fix: Run the update and the install in one RUN (`RUN apt-get update && apt-get install -y ...`; `apk add --no-cache ...` needs no update at all).
#   bad: |
#     RUN apt-get update
#     RUN apt-get install -y --no-install-recommends curl
#   good: |
#     RUN apt-get update && apt-get install -y --no-install-recommends curl \
#      && rm -rf /var/lib/apt/lists/*
package golintdocker.rules.package_update_alone

import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.run
	some up in i.run.package_commands
	up.verb == "update"
	family := families[up.manager]
	not installs(i, family)
	later := [j |
		some [_, _, st, j] in instructions.by_cmd.run
		installs(j, family)
		after(s, i, st, j)
		not updates(j, family)
	]
	count(later) > 0
	finding := {
		"msg": sprintf("`%s update` on line %d runs in a RUN of its own: its layer stays cached, so the install on line %d uses package lists as old as that cache (outdated packages, or 404 errors once the mirror drops them)", [up.manager, up.line, later[0].line]),
		"line": up.line,
		"end_line": up.end_line,
	}
}

families := {"apt-get": "apt", "apt": "apt", "aptitude": "apt", "apk": "apk"}

installs(i, family) if {
	some pc in i.run.package_commands
	families[pc.manager] == family
	pc.verb in {"install", "add", "upgrade", "dist-upgrade"}
}

# apk add --update/--no-cache fetches its own index.
updates(i, family) if {
	some pc in i.run.package_commands
	families[pc.manager] == family
	pc.verb == "update"
}

updates(i, "apk") if {
	some pc in i.run.package_commands
	pc.manager == "apk"
	pc.verb == "add"
	true in {pc.update, pc.no_cache}
}

# j comes after i: later in the same stage, or in a stage built on it.
after(s, i, st, j) if {
	st.index == s.index
	j.index > i.index
}

after(s, _, st, _) if {
	st.index != s.index
	s.index in stages.chain_positions(st)
}
