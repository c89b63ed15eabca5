package golintdocker.tests.apt_not_apt_get

import data.golintdocker.rules.apt_not_apt_get

doc(verb) := {"fixture": false, "stages": [{"index": 0, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {
	"commands": [{"name": "apt", "argv": ["apt", verb], "env": {}, "line": 3, "column": 5, "exact": true}],
	"package_commands": [{"command": 0, "manager": "apt", "verb": verb, "line": 3, "end_line": 3}],
}}]}]}

findings(verb) := fs if {
	fs := apt_not_apt_get.deny with input as doc(verb)
}

test_apt_install_fires_with_edit if {
	some f in findings("install")
	startswith(f.msg, "`apt install` on line 3")
	f.edits == [{"line": 3, "column": 5, "end_line": 3, "end_column": 8, "text": "apt-get"}]
}

# apt-get has no search: no edit.
test_apt_search_has_no_edit if {
	some f in findings("search")
	f.edits == []
}
