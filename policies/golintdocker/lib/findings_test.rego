package golintdocker.lib.findings_test

import data.golintdocker.lib.findings
import data.golintdocker.testdoc

runtime := testdoc.stage(1, "", "scratch", [])

test_at_from if {
	findings.at_from(object.union(runtime, {"from_end_line": 12}), "m", "f") == {"msg": "m", "line": 11, "end_line": 12, "fix": "f"}
}

test_insert_at if {
	findings.insert_at({"line": 3, "column": 5}, "x") == {"line": 3, "column": 5, "end_line": 3, "end_column": 5, "text": "x"}
}

test_replace_span if {
	findings.replace_span({"line": 3, "column": 5, "end_line": 4, "end_column": 2, "exact": true}, "x") == {"line": 3, "column": 5, "end_line": 4, "end_column": 2, "text": "x"}
}

test_replace_lines if {
	findings.replace_lines({"cmd": "entrypoint", "line": 7, "end_line": 8}, "x\n") == {"line": 7, "column": 0, "end_line": 8, "end_column": 0, "text": "x\n"}
}

test_insert_after_from if {
	findings.insert_after_from(runtime, "USER 65532\n") == {"line": 12, "column": 1, "end_line": 12, "end_column": 1, "text": "USER 65532\n"}
}
