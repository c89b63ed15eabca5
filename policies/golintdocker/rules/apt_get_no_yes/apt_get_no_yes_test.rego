package golintdocker.tests.apt_get_no_yes

import data.golintdocker.rules.apt_get_no_yes

doc(cmd, pc) := {"fixture": false, "stages": [{"index": 0, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"commands": [cmd], "package_commands": [pc]}}]}]}

cmd := {"name": "apt-get", "argv": ["apt-get", "install", "curl"], "env": {}, "line": 3, "column": 5, "exact": true}

pc(verb, yes) := {"command": 0, "manager": "apt-get", "verb": verb, "assume_yes": yes, "line": 3, "end_line": 3}

findings(pc) := fs if {
	fs := apt_get_no_yes.deny with input as doc(cmd, pc)
}

test_install_without_yes_fires_with_edit if {
	some f in findings(pc("install", false))
	startswith(f.msg, "`apt-get install` on line 3 has no -y")
	f.edits == [{"line": 3, "column": 12, "end_line": 3, "end_column": 12, "text": " -y"}]
}

test_upgrade_without_yes_fires if {
	count(findings(pc("upgrade", false))) == 1
}

test_yes_and_update_are_quiet if {
	count(findings(pc("install", true))) == 0
	count(findings(pc("update", false))) == 0
}
