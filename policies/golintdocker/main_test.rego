package golintdocker_test

import data.golintdocker

# A conftest --parser dockerfile input: the instructions, not the document.
conftest_dockerfile := [[
	{"Cmd": "from", "Flags": [], "JSON": false, "Original": "FROM golang:1.27", "Stage": 0, "SubCmd": "", "Value": ["golang:1.27"]},
	{"Cmd": "run", "Flags": [], "JSON": false, "Original": "RUN go build -o /app .", "Stage": 0, "SubCmd": "", "Value": ["go build -o /app ."]},
]]

test_not_a_document_is_one_error if {
	every input_value in [conftest_dockerfile, {}, {"stages": []}, {"schema_version": "1", "stages": []}, "FROM scratch"] {
		fs := golintdocker.findings with input as input_value
		count(fs) == 1
		some f in fs
		f.rule_id == "GD000"
		f.severity == "error"
		contains(f.fix, "golint-docker input Dockerfile | conftest test --parser json")
	}
}

test_document_findings_named_as_the_json_report if {
	fs := golintdocker.findings with input as {"schema_version": 1, "stages": []}
		with data.golintdocker.rules as {"ldflags_strip": {"deny": {{"msg": "m", "line": 3, "edits": [{"line": 3}]}}}}
		with data.golintdocker.meta as {"ldflags_strip": {"id": "GD005", "title": "t", "severity": "info", "fix": "f", "help_uri": "u"}}
	fs == {{
		"rule_id": "GD005", "rule_name": "ldflags-strip", "title": "t", "severity": "info",
		"message": "m", "line": 3, "end_line": 3, "fix": "f", "edits": [{"line": 3}], "help_uri": "u",
	}}
}
