package golintdocker.tests.buildvcs_disabled

import data.golintdocker.rules.buildvcs_disabled

doc(g) := {
	"final_stage": 1, "runtime_stages": [1],
	"stages": [
		{"index": 0, "root": 0, "instructions": [{"index": 0, "cmd": "run", "line": 4, "run": {"go": [g], "commands": []}}]},
		{"index": 1, "root": 1, "instructions": []},
	],
}

build(no_vcs, ldflags) := {
	"subcommand": "build", "line": 4, "end_line": 4, "unknown": [], "ldflags": ldflags,
	"build": {"kind": "binary", "ships": true, "shipped_to": [1], "no_vcs": no_vcs},
}

findings(g) := fs if {
	fs := buildvcs_disabled.deny with input as doc(g)
}

test_no_vcs_fires if {
	some f in findings(build(true, null))
	contains(f.msg, "`go build` on line 4 builds with -buildvcs=false")
}

test_version_stamp_is_quiet if {
	count(findings(build(true, {"flags": ["-s", "-w", "-X", "main.commit=abc"]}))) == 0
}

test_default_is_quiet if {
	count(findings(build(false, null))) == 0
}
