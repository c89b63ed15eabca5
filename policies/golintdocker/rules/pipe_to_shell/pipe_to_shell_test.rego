package golintdocker.tests.pipe_to_shell

import data.golintdocker.rules.pipe_to_shell

cmd(argv) := {"name": regex.replace(argv[0], `^.*/`, ""), "argv": argv}

doc(cmds) := {"fixture": false, "stages": [{"index": 0, "instructions": [{
	"index": 0, "cmd": "run", "line": 7, "end_line": 8,
	"run": {"commands": cmds, "pipelines": [{"commands": [k | some k, _ in cmds], "line": 8, "end_line": 8}]},
}]}]}

findings(cmds) := fs if {
	fs := pipe_to_shell.deny with input as doc(cmds)
}

url := "https://raw.githubusercontent.com/golangci/golangci-lint/master/install.sh"

test_curl_into_sh_fires if {
	some f in findings([cmd(["curl", "-sSfL", url]), cmd(["sh", "-s", "--", "-b", "/usr/local/bin", "v2.1.6"])])
	f.line == 8
	f.msg == sprintf("RUN on line 7 pipes `curl %s` into sh: the script runs as downloaded, unchecked, and a download cut short may run in part", [url])
}

test_wget_to_stdout_into_sudo_bash_fires if {
	count(findings([cmd(["wget", "-qO-", url]), cmd(["sudo", "-E", "bash"])])) == 1
	count(findings([cmd(["wget", "-q", "-O", "-", url]), cmd(["bash", "-s"])])) == 1
}

test_download_to_a_file_is_quiet if {
	count(findings([cmd(["curl", "-fsSLo", "/tmp/x.sh", url]), cmd(["sh"])])) == 0
	count(findings([cmd(["wget", "-q", url]), cmd(["sh"])])) == 0
}

test_other_pipes_are_quiet if {
	count(findings([cmd(["curl", "-fsSL", "https://x/y.tar.gz"]), cmd(["tar", "-xz"])])) == 0
	count(findings([cmd(["echo", "ok"]), cmd(["sh"])])) == 0
}
