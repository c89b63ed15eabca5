package golintdocker.tests.add_without_checksum

import data.golintdocker.rules.add_without_checksum

add(sources, kinds, checksum) := {"index": 0, "cmd": "add", "line": 3, "end_line": 3, "copy": {"sources": sources, "source_kinds": kinds, "checksum": checksum}}

doc(instructions) := {"fixture": false, "stages": [{"index": 0, "instructions": instructions}]}

findings(instructions) := fs if {
	fs := add_without_checksum.deny with input as doc(instructions)
}

url := "https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64"

test_download_without_checksum_fires if {
	some f in findings([add([url], ["url"], "")])
	f.msg == sprintf("ADD on line 3 downloads %s without --checksum: whatever the server returns goes into the image unchecked", [url])
}

test_checksum_is_quiet if {
	count(findings([add([url], ["url"], "sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3")])) == 0
}

test_commit_url_git_and_local_are_quiet if {
	count(findings([
		add(["https://raw.githubusercontent.com/kubernetes-sigs/windows-testing/3fea3d48ea8337b2aaca755c1d719e34b45f46b9/images/busybox/busybox.exe"], ["url"], ""),
		add(["https://github.com/moby/buildkit.git#v0.20.0"], ["git"], ""),
		add(["rootfs.tar.gz"], ["archive"], ""),
	])) == 0
}

test_verified_by_a_later_run_is_quiet if {
	check := {"index": 1, "cmd": "run", "line": 4, "run": {"commands": [{"name": "sha256sum", "argv": ["sha256sum", "-c", "-"]}]}}
	count(findings([add([url], ["url"], ""), check])) == 0
}
