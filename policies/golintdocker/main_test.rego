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
		contains(f.fix, "golint-docker input Dockerfile | conftest test --parser json --namespace golintdocker")
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

test_conftest_deny_and_warn if {
	rules := {
		"ldflags_strip": {"deny": {{"msg": "no -s -w", "line": 3}}},
		"trimpath": {"deny": {{"msg": "no -trimpath", "line": 4}}},
	}
	meta := {
		"ldflags_strip": {"id": "GD005", "severity": "warning", "fix": "Add -s -w."},
		"trimpath": {"id": "GD006", "severity": "info"},
	}
	doc := {"schema_version": 1, "stages": []}
	deny := golintdocker.deny with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as meta
	warn := golintdocker.warn with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as meta
	{d.msg | some d in deny} == {"line 3: warning: no -s -w [GD005 ldflags-strip] fix: Add -s -w."}
	{w.msg | some w in warn} == {"line 4: info: no -trimpath [GD006 trimpath]"}
	some d in deny
	d.rule_id == "GD005"
}

test_conftest_deny_not_a_document if {
	deny := golintdocker.deny with input as conftest_dockerfile
	count(deny) == 1
	some d in deny
	startswith(d.msg, "line 1: error: the input is not a golint-docker input document")
}

# A rule off by default reports only when data.golintdocker.options turns it
# on; a rule on by default ignores the option.
test_default_off_rules_report_only_when_enabled if {
	doc := {"schema_version": 1, "stages": []}
	rules := {
		"no_healthcheck": {"deny": {{"msg": "no HEALTHCHECK", "line": 9}}},
		"trimpath": {"deny": {{"msg": "no -trimpath", "line": 4}}},
	}
	meta := {
		"no_healthcheck": {"id": "GD017", "severity": "info", "default_off": true},
		"trimpath": {"id": "GD006", "severity": "info", "default_off": false},
	}
	off := golintdocker.findings with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as meta
	{f.rule_id | some f in off} == {"GD006"}
	on := golintdocker.findings with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as meta
		with data.golintdocker.options as {"no_healthcheck": {"enabled": true}, "trimpath": {"enabled": false}}
	{f.rule_id | some f in on} == {"GD006", "GD017"}
	not_true := golintdocker.findings with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as meta
		with data.golintdocker.options as {"no_healthcheck": {"enabled": "yes"}}
	{f.rule_id | some f in not_true} == {"GD006"}
}

# Under a stock opa without golint-docker's metadata, the shipped data's
# enabled: false keeps a rule off by default off.
test_default_off_rules_without_metadata if {
	doc := {"schema_version": 1, "stages": []}
	rules := {"no_healthcheck": {"deny": {{"msg": "no HEALTHCHECK", "line": 9}}}}
	off := golintdocker.findings with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as {}
		with data.golintdocker.options as {"no_healthcheck": {"enabled": false}}
	count(off) == 0
	on := golintdocker.findings with input as doc with data.golintdocker.rules as rules with data.golintdocker.meta as {}
		with data.golintdocker.options as {"no_healthcheck": {"enabled": true}}
	count(on) == 1
}
