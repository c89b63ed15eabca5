package golintdocker.tests.useradd_without_no_log_init

import data.golintdocker.rules.useradd_without_no_log_init

doc(argv) := {"fixture": false, "stages": [{"index": 0, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"commands": [{"name": "useradd", "argv": argv, "env": {}, "line": 3, "end_line": 3, "column": 5, "exact": true}]}}], "commands_by_name": {"useradd": [{"instruction": 0, "command": 0}]}}]}

findings(argv) := fs if {
	fs := useradd_without_no_log_init.deny with input as doc(argv)
}

test_large_uid_fires_with_edit if {
	some f in findings(["useradd", "-u", "123456", "-r", "app"])
	f.msg == "`useradd` on line 3 creates UID 123456 without -l: /var/log/lastlog and faillog grow to about 36 MB in the layer"
	f.edits == [{"line": 3, "column": 12, "end_line": 3, "end_column": 12, "text": " -l"}]
	count(findings(["useradd", "--uid=2000000", "app"])) == 1
}

test_no_log_init_small_or_unknown_uid_is_quiet if {
	count(findings(["useradd", "-l", "-u", "123456", "app"])) == 0
	count(findings(["useradd", "--no-log-init", "-u", "123456", "app"])) == 0
	count(findings(["useradd", "-rl", "-u", "123456", "app"])) == 0
	count(findings(["useradd", "-u", "65532", "app"])) == 0
	count(findings(["useradd", "-u", "$UID", "app"])) == 0
}
