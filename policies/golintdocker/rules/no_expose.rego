# METADATA
# title: The final image runs a program but declares no port
# description: |
#   EXPOSE does not publish anything, but it is the one place the image says
#   which port the service listens on: `docker run -P`, Compose, Docker
#   Desktop and many deploy tools read it, and without it whoever runs the
#   image has to read the code to find the port. A Go service image that
#   starts a program should say where it listens (a CLI or a worker without
#   a port can ignore this).
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-expose
# custom:
#   id: GD028
#   severity: info
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

import data.golintdocker.lib

deny contains finding if {
	i := lib.final_start
	not exposes
	lib.is_go
	finding := object.union(
		{
			"msg": sprintf("The final image (%s, %s) runs %s but has no EXPOSE: nothing says which port the service listens on", [lib.stage_label(lib.final), lib.base_name(lib.final), program(i)]),
			"line": lib.final.line,
			"end_line": object.get(lib.final, "from_end_line", lib.final.line),
		},
		fix_and_edits(i),
	)
}

exposes if {
	some [k, _, _, _] in lib.by_cmd.expose
	k in lib.final_chain_positions
}

program(i) := i.args[0] if {
	i.form == "exec"
	count(i.args) > 0
} else := sprintf("`%s`", [concat(" ", i.args)])

# A port the program is told to listen on: PORT=8080 in its environment, or
# a flag such as --addr=:8080 or -port=8080.
ports contains v if {
	i := lib.final_start
	some k in {"PORT", "HTTP_PORT", "APP_PORT", "SERVER_PORT", "LISTEN_PORT"}
	v := lib.env_value(i, k)
	regex.match(`^[0-9]{2,5}$`, v)
}

ports contains m[2] if {
	i := lib.final_start
	i.form == "exec"
	some a in i.args
	m := regex.find_all_string_submatch_n(`^--?[A-Za-z_-]*(port|addr|listen)[A-Za-z_-]*=(?:[A-Za-z0-9.-]*:)?([0-9]{2,5})$`, a, 1)[0]
}

fix_and_edits(i) := {
	"fix": sprintf("Declare the port: add `EXPOSE %s` before %s.", [port, upper(i.cmd)]),
	"edits": [lib.insert_at({"line": i.line, "column": 1}, sprintf("EXPOSE %s\n", [port]))],
} if {
	count(ports) == 1
	some port in ports
} else := {"fix": sprintf("Add `EXPOSE <port>` (e.g. EXPOSE 8080) with the port the program listens on, before %s.", [upper(i.cmd)])}
