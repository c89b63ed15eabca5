# METADATA
# title: The final image runs a program but declares no port
# description: |
#   EXPOSE does not publish anything, but it is the one place the image says
#   which port the service listens on: `docker run -P`, Compose, Docker
#   Desktop and many deploy tools read it, and without it whoever runs the
#   image has to read the code to find the port. A Go service image that
#   starts a program should say where it listens (a CLI or a worker without
#   a port can ignore this).
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-expose
# custom:
#   id: GD028
#   severity: info
#   fix_safety: safe
#   guide: "1.11"
#   since: 0.1.0
#   fix: Add EXPOSE with the port the program listens on (EXPOSE 8080) before the ENTRYPOINT.
#   bad: |
#     FROM scratch
#     COPY --from=build /out/server /server
#     ENTRYPOINT ["/server"]
#   good: |
#     FROM scratch
#     COPY --from=build /out/server /server
#     EXPOSE 8080
#     ENTRYPOINT ["/server"]
package golintdocker.rules.no_expose

import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

# A runtime image told to listen on a port (a flag of what it starts, or a
# PORT variable) without an EXPOSE.
deny contains finding if {
	some s in images.linux_runtime
	not exposes(s)
	count(ports(s)) > 0
	i := start(s)
	finding := object.union(
		{
			"msg": sprintf("%s listens on port %s (%s) but has no EXPOSE: nothing says which port the service listens on", [images.label(s), concat(", ", sort(ports(s))), concat(", ", s.serves)]),
			"line": s.line,
			"end_line": s.from_end_line,
		},
		fix_and_edits(s, i),
	)
}

exposes(s) if {
	some [k, _, _, _] in instructions.by_cmd.expose
	k in stages.chain_positions(s)
}

# What the image starts: the ENTRYPOINT in effect, else the CMD.
start(s) := instructions.at(s.entrypoint) if {
	s.entrypoint != null
} else := instructions.at(s.cmd) if {
	s.cmd != null
}

# A port the program is told to listen on: PORT=8080 in its environment, or
# a flag such as --addr=:8080 or -port=8080.
ports(s) := {v |
	i := start(s)
	some k in {"PORT", "HTTP_PORT", "APP_PORT", "SERVER_PORT", "LISTEN_PORT"}
	v := instructions.env_value(i, k)
	regex.match(`^[0-9]{2,5}$`, v)
} | {m[2] |
	i := start(s)
	i.form == "exec"
	some a in i.args
	m := regex.find_all_string_submatch_n(`^--?[A-Za-z_-]*(port|addr|listen)[A-Za-z_-]*=(?:[A-Za-z0-9.-]*:)?([0-9]{2,5})$`, a, 1)[0]
}

fix_and_edits(s, i) := {
	"fix": sprintf("Declare the port: add `EXPOSE %s` before %s.", [port, upper(i.cmd)]),
	"edits": [findings.insert_at({"line": i.line, "column": 1}, sprintf("EXPOSE %s\n", [port]))],
} if {
	count(ports(s)) == 1
	some port in ports(s)
	i.line > s.line
	i.line <= s.end_line
} else := {"fix": sprintf("Add `EXPOSE %s` before %s.", [concat(" ", sort(ports(s))), upper(i.cmd)])}
