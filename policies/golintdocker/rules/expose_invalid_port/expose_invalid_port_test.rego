package golintdocker.tests.expose_invalid_port

import data.golintdocker.rules.expose_invalid_port

doc(ports) := {"stages": [{"index": 0, "instructions": [{"index": 0, "cmd": "expose", "line": 7, "end_line": 7, "expose": ports}]}]}

port(p, proto) := {"port": p, "protocol": proto}

msgs(ports) := {f.msg | some f in found} if {
	found := expose_invalid_port.deny with input as doc(ports)
}

test_too_large_fires if {
	msgs([port("80800", "tcp")]) == {"EXPOSE 80800 on line 7: ports run from 1 to 65535; BuildKit stops here"}
}

test_zero_fires if {
	some m in msgs([port("0", "udp")])
	contains(m, "EXPOSE 0/udp on line 7: port 0 is no port")
}

test_bad_range_and_word_and_protocol_fire if {
	count(msgs([port("9000-8000", "tcp"), port("http", "tcp"), port("8080", "quic")])) == 3
}

test_valid_ports_are_quiet if {
	count(msgs([port("8080", "tcp"), port("53", "udp"), port("8000-8010", "tcp"), port("65535", "sctp"), port("1", "tcp")])) == 0
}

test_unknown_port_is_quiet if {
	count(msgs([port("$PORT", "tcp"), port("${METRICS_PORT:-9090}", "tcp")])) == 0
}
