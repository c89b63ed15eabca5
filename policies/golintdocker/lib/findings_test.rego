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

test_stage_reference_keeps_a_name if {
	s := testdoc.stage(0, "build", "golang:1.27-alpine", [])
	findings.stage_reference(s, ["builder"]) == ["build", []] with input as testdoc.stages([s])
}

test_stage_reference_names_an_unnamed_stage if {
	s := object.union(testdoc.stage(0, "", "golang:1.27-alpine", []), {"original": "FROM golang:1.27-alpine"})
	findings.stage_reference(s, ["builder"]) == ["builder", [{
		"line": 1, "column": 0, "end_line": 1, "end_column": 0,
		"text": "FROM golang:1.27-alpine AS builder",
	}]] with input as testdoc.stages([s, runtime])
}

# A name taken by a stage, an image (FROM builder), or a --from source is
# skipped: naming the stage so would change what they mean.
test_stage_reference_skips_used_names if {
	s := object.union(testdoc.stage(0, "", "golang:1.27-alpine", []), {"original": "FROM golang:1.27-alpine"})
	tools := testdoc.stage(1, "Builder", "alpine:3.22", [])
	img := testdoc.stage(2, "", "build", [])
	copier := testdoc.stage(3, "", "scratch", [object.union(testdoc.copy(32, ["/x"], "/x"), {"copy": {"from": "build-stage"}})])
	[n, _] := findings.stage_reference(s, ["builder", "build", "build-stage"]) with input as testdoc.stages([s, tools, img, copier])
	n == "stage-0"
}

# A FROM over several lines is not rewritten: no reference.
test_stage_reference_needs_a_one_line_from if {
	s := object.union(testdoc.stage(0, "", "golang:1.27-alpine", []), {"original": "FROM golang:1.27-alpine", "from_end_line": 2})
	not findings.stage_reference(s, ["builder"]) with input as testdoc.stages([s, runtime])
}

test_insert_after_program if {
	c := {"name": "apt-get", "argv": ["apt-get", "install", "curl"], "env": {}, "line": 4, "column": 9, "exact": true}
	findings.insert_after_program(c, " -y") == [{"line": 4, "column": 16, "end_line": 4, "end_column": 16, "text": " -y"}]
	findings.insert_after_program(object.union(c, {"env": {"DEBIAN_FRONTEND": "noninteractive"}}), " -y") == []
	findings.insert_after_program(object.union(c, {"exact": false}), " -y") == []
	findings.insert_after_program(object.union(c, {"argv": ["/usr/bin/apt-get", "install"]}), " -y") == []
}
