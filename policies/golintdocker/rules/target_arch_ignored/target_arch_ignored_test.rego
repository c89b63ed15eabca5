package golintdocker.tests.target_arch_ignored

import data.golintdocker.rules.target_arch_ignored

# A builder on platform, whose go command g ships to the runtime image.
# golint-docker marks a build on $BUILDPLATFORM without GOARCH "build".
doc(platform, env, g) := {"final_stage": 1, "runtime_stages": [1], "stages": [
	{
		"index": 0, "name": "build", "root": 0, "built": true, "role": "builder",
		"from": {"platform": platform},
		"instructions": [{"index": 0, "cmd": "run", "line": 5, "env": env, "run": {"commands": [], "go": [object.union(g, {"build": object.union(g.build, {"platform": where(platform, g)})})]}}],
	},
	{"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "from": {"platform": ""}, "instructions": []},
]}

where(platform, g) := "build" if {
	contains(platform, "BUILDPLATFORM")
	g.goarch == null
} else := "target"

declared := {"TARGETOS": null, "TARGETARCH": null}

build(goos, goarch) := {
	"subcommand": "build", "goos": goos, "goarch": goarch, "packages": ["./cmd/api"], "output": "/out/api",
	"flags": [], "env": {}, "line": 5, "column": 5, "end_line": 5, "end_column": 50, "exact": true,
	"unknown": [], "build": {"kind": "binary", "ships": true, "shipped_to": [1]},
}

test_no_goarch_fires_with_edit if {
	some f in target_arch_ignored.deny with input as doc("$BUILDPLATFORM", declared, build(null, null))
	f.line == 5
	contains(f.msg, "without GOARCH")
	contains(f.fix, "already declares")
	f.edits == [{"line": 5, "column": 5, "end_line": 5, "end_column": 5, "text": "GOOS=$TARGETOS GOARCH=$TARGETARCH "}]
}

test_goos_set_inserts_only_goarch if {
	some f in target_arch_ignored.deny with input as doc("${BUILDPLATFORM}", {}, build("linux", null))
	contains(f.fix, "Declare `ARG TARGETOS TARGETARCH`")

	# The edit is complete: the ARG the prefix needs comes with it.
	f.edits == [
		{"line": 5, "column": 1, "end_line": 5, "end_column": 1, "text": "ARG TARGETOS TARGETARCH\n"},
		{"line": 5, "column": 5, "end_line": 5, "end_column": 5, "text": "GOARCH=$TARGETARCH "},
	]
}

test_only_missing_arg_is_declared if {
	some f in target_arch_ignored.deny with input as doc("$BUILDPLATFORM", {"TARGETARCH": null}, build(null, null))
	f.edits[0].text == "ARG TARGETOS\n"
}

test_go_install_has_no_edit if {
	g := object.union(build(null, null), {"subcommand": "install", "output": null, "packages": ["./cmd/..."]})
	some f in target_arch_ignored.deny with input as doc("$BUILDPLATFORM", declared, g)
	contains(f.fix, "go build -o")
	f.edits == []
}

test_goarch_set_is_quiet if {
	count(target_arch_ignored.deny) == 0 with input as doc("$BUILDPLATFORM", declared, build("$TARGETOS", "$TARGETARCH"))
}

test_no_platform_is_quiet if {
	count(target_arch_ignored.deny) == 0 with input as doc("", declared, build(null, null))
}

test_compile_check_is_quiet if {
	g := object.union(build(null, null), {"output": null, "packages": ["./..."], "build": {"kind": "check", "ships": false, "shipped_to": []}})
	count(target_arch_ignored.deny) == 0 with input as doc("$BUILDPLATFORM", declared, g)
}
