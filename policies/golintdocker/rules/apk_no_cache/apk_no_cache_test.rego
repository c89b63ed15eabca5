package golintdocker.tests.apk_no_cache

import data.golintdocker.rules.apk_no_cache

cmd(verb) := {"name": "apk", "argv": ["apk", verb], "env": {}, "line": 3, "column": 5, "exact": true}

pc(k, verb, no_cache, removed) := {"command": k, "manager": "apk", "verb": verb, "no_cache": no_cache, "cache_removed": removed, "line": 3, "end_line": 3}

doc(in_image, pcs) := {"fixture": false, "stages": [{"index": 0, "name": "", "in_image": in_image, "instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {
	"commands": [cmd(p.verb) | some p in pcs],
	"package_commands": pcs,
}}]}]}

findings(d) := fs if {
	fs := apk_no_cache.deny with input as d
}

test_add_without_no_cache_fires_with_edit if {
	some f in findings(doc(true, [pc(0, "add", false, false)]))
	f.msg == "`apk add` on line 3 leaves apk's package index (/var/cache/apk) in the layer of stage 0"
	f.edits == [{"line": 3, "column": 8, "end_line": 3, "end_column": 8, "text": " --no-cache"}]
}

test_update_then_add_fire_without_edits if {
	fs := findings(doc(true, [pc(0, "update", false, false), pc(1, "add", false, false)]))
	count(fs) == 2
	every f in fs {
		f.edits == []
	}
}

test_no_cache_removed_or_builder_is_quiet if {
	count(findings(doc(true, [pc(0, "add", true, false)]))) == 0
	count(findings(doc(true, [pc(0, "add", false, true)]))) == 0
	count(findings(doc(false, [pc(0, "add", false, false)]))) == 0
}
