package golintdocker.tests.missing_pipefail

import data.golintdocker.rules.missing_pipefail

cmd(argv) := {"name": argv[0], "argv": argv, "line": 5, "column": 5, "exact": true, "top": false}

doc(pm, shell, cmds, pipefail) := {"fixture": false, "stages": [{
	"index": 0, "image": {"package_manager": pm},
	"instructions": [{
		"index": 0, "cmd": "run", "line": 5, "end_line": 5,
		"run": {
			"shell": shell, "heredocs": [], "script": "go test ./... | tee /out/test.log",
			"commands": cmds,
			"pipelines": [{"commands": [k | some k, _ in cmds], "pipefail": pipefail, "line": 5, "end_line": 5}],
		},
	}],
}]}

findings(d) := fs if {
	fs := missing_pipefail.deny with input as d
}

test_tests_into_tee_fire_with_edit_on_alpine if {
	some f in findings(doc("apk", ["/bin/sh", "-c"], [cmd(["go", "test", "./..."]), cmd(["tee", "/out/test.log"])], false))
	f.msg == "RUN on line 5 pipes `go` into `tee` without pipefail: when go fails, the RUN still succeeds"
	f.edits == [{"line": 5, "column": 5, "end_line": 5, "end_column": 5, "text": "set -o pipefail && "}]
}

# dash (Debian's /bin/sh) may not know pipefail: the fix says SHELL, no edit.
test_debian_sh_has_no_edit if {
	some f in findings(doc("apt", ["/bin/sh", "-c"], [cmd(["curl", "-fsSL", "https://x"]), cmd(["awk", "{print}"])], false))
	f.edits == []
}

test_pipe_in_a_substitution_is_quiet if {
	d := json.patch(doc("apk", ["/bin/sh", "-c"], [cmd(["git", "status"]), cmd(["awk", "{print}"])], false), [{"op": "add", "path": "/stages/0/instructions/0/run/pipelines/0/substituted", "value": true}])
	count(findings(d)) == 0
}

test_pipefail_set_is_quiet if {
	count(findings(doc("apk", ["/bin/sh", "-c"], [cmd(["go", "test"]), cmd(["tee", "x"])], true))) == 0
}

# echo cannot fail; tar and grep fail on a broken input themselves.
test_harmless_pipes_are_quiet if {
	count(findings(doc("apk", ["/bin/sh", "-c"], [cmd(["echo", "x"]), cmd(["tee", "/f"])], false))) == 0
	count(findings(doc("apk", ["/bin/sh", "-c"], [cmd(["curl", "-fsSL", "https://x"]), cmd(["tar", "-xz"])], false))) == 0
	count(findings(doc("apk", ["/bin/sh", "-c"], [cmd(["go", "list", "-m", "all"]), cmd(["grep", "x"])], false))) == 0
}
