package acme.tests.require_source_label

import data.golintdocker.rules.acme_require_source_label as rule
import data.golintdocker.testdoc

label(line, key) := {"cmd": "label", "line": line, "end_line": line, "pairs": [{"key": key, "value": "https://github.com/acme/app", "raw": null}]}

# A builder and the final image (its FROM on line 11), with instructions.
doc(instructions) := testdoc.stages([
	testdoc.stage(0, "build", "golang:1.27-alpine", []),
	testdoc.stage(1, "", "gcr.io/distroless/static-debian12:nonroot", instructions),
])

test_missing_label_fires_with_an_edit if {
	some f in rule.deny with input as doc([label(12, "org.opencontainers.image.version")])
	f.line == 11
	contains(f.msg, "the final image (gcr.io/distroless/static-debian12:nonroot) has no org.opencontainers.image.source label")
	f.edits == [{"line": 12, "column": 1, "end_line": 12, "end_column": 1, "text": "LABEL org.opencontainers.image.source=\"https://github.com/acme/app\"\n"}]
}

test_label_present_is_quiet if {
	count(rule.deny) == 0 with input as doc([label(12, "org.opencontainers.image.source")])
}

test_label_of_a_parent_stage_counts if {
	base := testdoc.stage(0, "base", "gcr.io/distroless/static-debian12:nonroot", [label(2, "org.opencontainers.image.source")])
	d := testdoc.stages([base, testdoc.child(1, "", base, [])])
	count(rule.deny) == 0 with input as d
}
