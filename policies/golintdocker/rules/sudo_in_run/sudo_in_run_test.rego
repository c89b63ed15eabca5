package golintdocker.tests.sudo_in_run

import data.golintdocker.rules.sudo_in_run

sudo := {"name": "sudo", "argv": ["sudo", "apt-get", "update"], "env": {}, "line": 3, "end_line": 3, "column": 5, "exact": true}

doc(user, image_user) := {"fixture": false, "stages": [{"index": 0, "role": "runtime", "image": {"user": image_user}, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"user": user, "commands": [sudo]}}], "commands_by_name": {"sudo": [{"instruction": 0, "command": 0}]}}]}

findings(d) := fs if {
	fs := sudo_in_run.deny with input as d
}

test_sudo_as_root_fires_with_edit if {
	some f in findings(doc(null, "0"))
	startswith(f.msg, "RUN on line 3 runs `sudo apt-get` as root already")
	f.edits == [{"line": 3, "column": 5, "end_line": 3, "end_column": 10, "text": ""}]
}

test_user_root_fires if {
	count(findings(doc("root:root", "1000"))) == 1
}

test_other_user_or_unknown_image_is_quiet if {
	count(findings(doc("vscode", "0"))) == 0
	d := json.patch(doc(null, "0"), [{"op": "replace", "path": "/stages/0/image", "value": null}])
	count(findings(d)) == 0
	dev := json.patch(doc(null, "0"), [{"op": "replace", "path": "/stages/0/role", "value": "dev"}])
	count(findings(dev)) == 0
}
