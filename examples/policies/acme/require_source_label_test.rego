package acme.tests.require_source_label

import data.golintdocker.rules.acme_require_source_label as rule

doc(instructions) := {"final_stage": 0, "stages": [{
	"index": 0, "line": 1, "from_end_line": 1, "parents": [], "root": 0,
	"from": {"image": "scratch", "scratch": true, "name": "scratch", "tag": ""},
	"instructions": instructions,
}]}

test_missing_label_fires if {
	some f in rule.deny with input as doc([])
	f.line == 1
	f.edits[0].text == "LABEL org.opencontainers.image.source=\"https://github.com/acme/app\"\n"
}

test_label_present_is_quiet if {
	count(rule.deny) == 0 with input as doc([{"cmd": "label", "pairs": [{"key": "org.opencontainers.image.source", "value": "x"}]}])
}
