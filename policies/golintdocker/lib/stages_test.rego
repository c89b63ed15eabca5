package golintdocker.lib.stages_test

import data.golintdocker.lib.stages
import data.golintdocker.testdoc

# golang (0) <- deps (1) <- build (2); tools (3) on its own; scratch (4).
build_doc := testdoc.stages([
	testdoc.stage(0, "base", "golang:1.27-alpine", []),
	testdoc.child(1, "deps", testdoc.stage(0, "base", "golang:1.27-alpine", []), []),
	object.union(testdoc.child(2, "build", testdoc.stage(0, "base", "golang:1.27-alpine", []), []), {"from": {"stage": 1}}),
	object.union(testdoc.stage(3, "tools", "alpine:3.22", []), {"used_by_final": false}),
	testdoc.stage(4, "", "scratch", []),
])

test_final_is_the_final_stage if {
	stages.final.index == 4 with input as build_doc
	stages.final.index == 2 with input as object.union(build_doc, {"final_stage": 2})
}

test_chain_runs_down_to_the_root if {
	stages.chain_positions(build_doc.stages[2]) == [2, 1, 0] with input as build_doc
	[s.name | some s in stages.chain(build_doc.stages[2])] == ["build", "deps", "base"] with input as build_doc
	stages.chain_positions(build_doc.stages[3]) == [3] with input as build_doc
}

test_final_chain if {
	d := object.union(build_doc, {"final_stage": 2})
	[s.index | some s in stages.final_chain] == [2, 1, 0] with input as d
	stages.final_chain_positions == {0, 1, 2} with input as d
	stages.final_chain_positions == {4} with input as build_doc
}

test_shipping_is_the_built_stages_in_order if {
	[s.index | some s in stages.shipping] == [0, 1, 2, 4] with input as build_doc
}

test_root_and_base if {
	s := build_doc.stages[2]
	stages.root(s).index == 0 with input as build_doc
	stages.base(s).image == "golang:1.27-alpine" with input as build_doc
	stages.base_name(s) == "golang:1.27-alpine" with input as build_doc
	stages.base_name(build_doc.stages[4]) == "scratch" with input as build_doc
}

test_label_and_from_name if {
	stages.label(build_doc.stages[1]) == `stage "deps"`
	stages.label(build_doc.stages[4]) == "stage 4"
	stages.from_name(build_doc.stages[1]) == "deps"
	stages.from_name(build_doc.stages[4]) == "4"
}

test_platform_args if {
	"TARGETARCH" in stages.platform_args
	"BUILDPLATFORM" in stages.platform_args
	not "GOARCH" in stages.platform_args
}
