package golintdocker.tests.add_instead_of_copy

import data.golintdocker.rules.add_instead_of_copy

add(original, flags, sources, kinds) := {
	"fixture": false,
	"stages": [{"index": 0, "instructions": [{
		"index": 0, "cmd": "add", "line": 6, "end_line": 6, "original": original, "flags": flags,
		"copy": {"sources": sources, "source_kinds": kinds},
	}]}],
}

findings(d) := fs if {
	fs := add_instead_of_copy.deny with input as d
}

test_local_file_fires_with_edit if {
	some f in findings(add("ADD --chown=app config.yaml /etc/app/", ["--chown=app"], ["config.yaml"], ["local"]))
	f.msg == "ADD on line 6 copies local files (config.yaml): COPY does that without ADD's unpacking of archives"
	f.edits == [{"line": 6, "column": 0, "end_line": 6, "end_column": 0, "text": "COPY --chown=app config.yaml /etc/app/"}]
}

test_add_only_flag_has_no_edit if {
	some f in findings(add("ADD --unpack=false dir /x", ["--unpack=false"], ["dir"], ["local"]))
	f.edits == []
}

test_archive_url_git_and_unknown_are_quiet if {
	count(findings(add("ADD rootfs.tar.gz /", [], ["rootfs.tar.gz"], ["archive"]))) == 0
	count(findings(add("ADD https://x/y /y", [], ["https://x/y"], ["url"]))) == 0
	count(findings(add("ADD a $FILE /d/", [], ["a", "$FILE"], ["local", "unknown"]))) == 0
}

test_fixture_is_quiet if {
	d := object.union(add("ADD a /a", [], ["a"], ["local"]), {"fixture": true})
	count(findings(d)) == 0
}
