package golintdocker.tests.debug_build_shipped

import data.golintdocker.rules.debug_build_shipped

doc(build, delve) := {
	"final_stage": 1, "runtime_stages": [1],
	"stages": [
		{"index": 0, "name": "build", "root": 0, "instructions": [{"index": 0, "cmd": "run", "line": 4, "run": {"go": [{"subcommand": "build", "line": 4, "end_line": 4, "build": build}]}}]},
		{
			"index": 1, "name": "", "root": 1, "final": true, "role": "runtime", "delve": delve,
			"from": {"image": "alpine:3.22"},
			"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
		},
	],
}

findings(build, delve) := fs if {
	fs := debug_build_shipped.deny with input as doc(build, delve)
}

test_race_fires if {
	some f in findings({"kind": "binary", "race": true}, false)
	contains(f.msg, "`go build` on line 4 builds with -race")
	contains(f.msg, "the final image (alpine:3.22)")
}

test_unoptimised_without_delve_fires if {
	some f in findings({"kind": "debug", "race": false}, false)
	contains(f.msg, "-gcflags -N -l")
}

test_unoptimised_with_delve_is_quiet if {
	count(findings({"kind": "debug", "race": false}, true)) == 0
}

test_release_build_is_quiet if {
	count(findings({"kind": "binary", "race": false}, false)) == 0
}
