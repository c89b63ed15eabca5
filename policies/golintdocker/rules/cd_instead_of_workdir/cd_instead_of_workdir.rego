# METADATA
# title: A RUN starts with cd where WORKDIR says it once
# description: |
#   A `cd` lasts for its RUN only: the next RUN starts in the WORKDIR
#   again, so `RUN cd /src && make` has to be repeated in every RUN that
#   needs the directory, and a RUN that is only `cd /src` does nothing.
#   `WORKDIR /src` sets the directory for every instruction after it (and
#   creates it). Temporary directories (/tmp, mktemp) are left alone.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cd-instead-of-workdir
#   - ref: https://docs.docker.com/build/building/best-practices/#workdir
# custom:
#   id: GD054
#   severity: info
#   since: 0.2.0
#   aliases: [DL3003, DS013]
#   fix: Set the directory with WORKDIR before the RUN (`WORKDIR /opt/etcd` then `RUN ./build`).
#   bad: |
#     RUN cd /opt/etcd && ./build
#   good: |
#     WORKDIR /opt/etcd
#     RUN ./build
package golintdocker.rules.cd_instead_of_workdir

import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, _, i] in instructions.by_cmd.run
	i.run.commands[0].name == "cd"
	first := i.run.commands[0]
	first.top
	count(first.argv) == 2
	dir := first.argv[1]
	not temporary(dir)
	finding := {
		"msg": msg(i, dir),
		"line": first.line,
		"end_line": first.end_line,
	}
}

msg(i, dir) := sprintf("RUN on line %d is only `cd %s`: the directory change ends with the RUN and does nothing", [i.line, dir]) if {
	count(i.run.commands) == 1
} else := sprintf("RUN on line %d starts with `cd %s`, which lasts for this RUN only: `WORKDIR %s` sets it for the instructions after it too", [i.line, dir, dir])

temporary(dir) if regex.match(`^(/tmp|/var/tmp|/dev/shm)(/|$)|^\$\{?TMPDIR|mktemp|^-$|^\.\.?/?$|^~`, dir)
