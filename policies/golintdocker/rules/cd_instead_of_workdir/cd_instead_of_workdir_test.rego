package golintdocker.tests.cd_instead_of_workdir

import data.golintdocker.rules.cd_instead_of_workdir

cmd(argv, top) := {"name": argv[0], "argv": argv, "top": top, "line": 4, "end_line": 4}

doc(cmds) := {"fixture": false, "stages": [{"index": 0, "instructions": [{"index": 0, "cmd": "run", "line": 4, "run": {"commands": cmds}}]}]}

msgs(cmds) := {f.msg | some f in fs} if {
	fs := cd_instead_of_workdir.deny with input as doc(cmds)
}

test_cd_then_build_fires if {
	msgs([cmd(["cd", "/opt/etcd"], true), cmd(["./build"], true)]) == {"RUN on line 4 starts with `cd /opt/etcd`, which lasts for this RUN only: `WORKDIR /opt/etcd` sets it for the instructions after it too"}
}

test_cd_alone_fires if {
	some m in msgs([cmd(["cd", "/src"], true)])
	contains(m, "is only `cd /src`")
}

test_temporary_and_nested_are_quiet if {
	count(msgs([cmd(["cd", "/tmp"], true), cmd(["make"], true)])) == 0
	count(msgs([cmd(["cd", "$(mktemp -d)"], true), cmd(["make"], true)])) == 0
	count(msgs([cmd(["cd", "sub"], false), cmd(["make"], false)])) == 0
	count(msgs([cmd(["make"], true), cmd(["cd", "/src"], true)])) == 0
}
