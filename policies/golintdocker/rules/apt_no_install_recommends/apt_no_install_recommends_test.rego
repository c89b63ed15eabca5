package golintdocker.tests.apt_no_install_recommends

import data.golintdocker.rules.apt_no_install_recommends

doc(in_image, pc) := {"fixture": false, "stages": [{"index": 0, "name": "", "in_image": in_image, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"commands": [{"name": "apt-get", "argv": ["apt-get", "install", "-y", "curl"], "env": {}, "line": 3, "column": 5, "exact": true}], "package_commands": [pc]}}]}]}

pc(no_recommends, args) := {"command": 0, "manager": "apt-get", "verb": "install", "no_recommends": no_recommends, "args": args, "line": 3, "end_line": 3}

findings(in_image, pc) := fs if {
	fs := apt_no_install_recommends.deny with input as doc(in_image, pc)
}

test_recommends_in_an_image_fire_with_edit if {
	some f in findings(true, pc(false, [{"name": "curl", "local": false}]))
	startswith(f.msg, "`apt-get install` on line 3 installs curl with their recommended packages, into stage 0")
	f.edits[0].text == " --no-install-recommends"
}

test_builder_flag_and_local_debs_are_quiet if {
	count(findings(false, pc(false, [{"name": "curl", "local": false}]))) == 0
	count(findings(true, pc(true, [{"name": "curl", "local": false}]))) == 0
	count(findings(true, pc(false, [{"name": "./app.deb", "local": true}]))) == 0
}
