package golintdocker.tests.package_update_alone

import data.golintdocker.rules.package_update_alone

run(index, line, pcs) := {"index": index, "cmd": "run", "line": line, "run": {"package_commands": pcs}}

pc(manager, verb, line) := {"manager": manager, "verb": verb, "line": line, "end_line": line, "update": false, "no_cache": false}

doc(instructions) := {"fixture": false, "stages": [{"index": 0, "from": {}, "instructions": instructions}]}

findings(instructions) := fs if {
	fs := package_update_alone.deny with input as doc(instructions)
}

test_update_alone_then_install_fires if {
	some f in findings([run(0, 2, [pc("apt-get", "update", 2)]), run(1, 3, [pc("apt-get", "install", 3)])])
	f.line == 2
	contains(f.msg, "`apt-get update` on line 2 runs in a RUN of its own: its layer stays cached, so the install on line 3")
}

test_apk_update_alone_fires if {
	count(findings([run(0, 2, [pc("apk", "update", 2)]), run(1, 3, [pc("apk", "add", 3)])])) == 1
}

test_together_or_updated_again_is_quiet if {
	count(findings([run(0, 2, [pc("apt-get", "update", 2), pc("apt-get", "install", 2)])])) == 0
	count(findings([run(0, 2, [pc("apt-get", "update", 2)]), run(1, 3, [pc("apt-get", "update", 3), pc("apt-get", "install", 3)])])) == 0
	count(findings([run(0, 2, [pc("apk", "update", 2)]), run(1, 3, [object.union(pc("apk", "add", 3), {"no_cache": true})])])) == 0
}

test_update_without_a_later_install_is_quiet if {
	count(findings([run(0, 2, [pc("apt-get", "update", 2)])])) == 0
}
