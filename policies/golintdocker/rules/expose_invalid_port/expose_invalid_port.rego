# METADATA
# title: EXPOSE names a port outside 1-65535 or an unknown protocol
# description: |
#   Ports run from 1 to 65535. BuildKit stops at an EXPOSE with a larger
#   number, a word that is no number or a protocol other than tcp, udp or
#   sctp; it takes port 0, which no client can connect to (a program that
#   listens on port 0 gets whatever free port the kernel gives it).
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#expose-invalid-port
# custom:
#   id: GD032
#   severity: error
#   since: 0.2.0
#   aliases: [DL3011, DS008]
#   fix: Expose the port the program listens on, a number from 1 to 65535 (EXPOSE 8080, EXPOSE 53/udp).
#   bad: |
#     EXPOSE 80800
#   good: |
#     EXPOSE 8080
package golintdocker.rules.expose_invalid_port

import data.golintdocker.lib.instructions

deny contains finding if {
	some [_, _, _, i] in instructions.by_cmd.expose
	some p in i.expose
	not contains(p.port, "$")
	why := problem(p)
	finding := {
		"msg": sprintf("EXPOSE %s on line %d: %s", [text(p), i.line, why]),
		"line": i.line,
		"end_line": i.end_line,
	}
}

text(p) := p.port if p.protocol == "tcp"

else := sprintf("%s/%s", [p.port, p.protocol])

problem(p) := sprintf("%s is not a protocol (tcp, udp or sctp); BuildKit stops here", [p.protocol]) if {
	not p.protocol in {"tcp", "udp", "sctp"}
} else := sprintf("%s is not a port number; BuildKit stops here", [p.port]) if {
	some n in bounds(p.port)
	not regex.match(`^[0-9]+$`, n)
} else := "ports run from 1 to 65535; BuildKit stops here" if {
	some n in bounds(p.port)
	to_number(n) > 65535
} else := "the range ends before it starts; BuildKit stops here" if {
	[a, b] := bounds(p.port)
	to_number(b) < to_number(a)
} else := "port 0 is no port a client can connect to (a program listening on it gets any free port)" if {
	some n in bounds(p.port)
	to_number(n) == 0
}

# The numbers of a port or range: "8080" -> ["8080"], "8000-8010" ->
# ["8000", "8010"].
bounds(port) := split(port, "-")
