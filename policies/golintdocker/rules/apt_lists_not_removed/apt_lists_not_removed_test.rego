package golintdocker.tests.apt_lists_not_removed

import data.golintdocker.rules.apt_lists_not_removed

doc(in_image, original, removed) := {"fixture": false, "stages": [{"index": 0, "name": "", "in_image": in_image, "instructions": [{
	"index": 0, "cmd": "run", "line": 3, "end_line": 3, "form": "shell", "original": original,
	"run": {"heredocs": [], "package_commands": [{"manager": "apt-get", "verb": "update", "cache_removed": removed, "line": 3, "end_line": 3}]},
}]}]}

findings(d) := fs if {
	fs := apt_lists_not_removed.deny with input as d
}

test_lists_left_fire_with_edit if {
	some f in findings(doc(true, "RUN apt-get update && apt-get install -y --no-install-recommends curl", false))
	startswith(f.msg, "`apt-get update` on line 3 leaves the package lists")
	f.edits[0].text == "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*"
}

test_compound_end_has_no_edit if {
	some f in findings(doc(true, "RUN if true; then apt-get update; fi", false))
	f.edits == []
}

test_removed_or_builder_is_quiet if {
	count(findings(doc(true, "RUN apt-get update", true))) == 0
	count(findings(doc(false, "RUN apt-get update", false))) == 0
}
