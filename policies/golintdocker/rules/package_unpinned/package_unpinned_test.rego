package golintdocker.tests.package_unpinned

import data.golintdocker.rules.package_unpinned

doc(pc) := {"fixture": false, "stages": [{"index": 0, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"package_commands": [pc]}}]}]}

# unpinned is what golint-docker's Go side lists: the args without a
# version that are not local files.
pc(manager, verb, args) := {
	"manager": manager, "verb": verb, "args": args, "line": 3, "end_line": 3,
	"unpinned": [a.name | some a in args; not a.local; a.version == ""],
}

# Off by default (custom.default: off): the findings decision, not the
# rule, leaves it out unless it is turned on.
findings(pc) := fs if {
	fs := package_unpinned.deny with input as doc(pc)
}

test_unpinned_fire if {
	some f in findings(pc("apk", "add", [{"name": "curl", "version": "", "local": false}, {"name": "git", "version": "2.49.1-r0", "local": false}]))
	f.msg == "`apk add` on line 3 installs curl without a version: each build gets whatever the distribution has that day"
}

test_pinned_and_local_are_quiet if {
	count(findings(pc("apt-get", "install", [{"name": "curl", "version": "7.88.1-10", "local": false}, {"name": "./x.deb", "version": "", "local": true}]))) == 0
	count(findings(pc("apt-get", "update", []))) == 0
}
