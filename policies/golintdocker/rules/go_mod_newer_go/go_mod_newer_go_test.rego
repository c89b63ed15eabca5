package golintdocker.tests.go_mod_newer_go

import data.golintdocker.rules.go_mod_newer_go

doc(mod, version, tag, env) := {
	"context": {"go_mod": object.union({"error": "", "toolchain": ""}, mod)},
	"stages": [{
		"index": 0, "name": "build", "root": 0, "line": 1, "from_end_line": 1, "go_version": version,
		"original": sprintf("FROM golang:%s AS build", [tag]),
		"from": {"image": sprintf("golang:%s", [tag]), "tag": tag, "digest": ""},
		"instructions": [{"index": 0, "cmd": "run", "line": 5, "run": {"commands": [], "go": [{
			"subcommand": "build", "line": 5, "env": env, "outside_module": false, "build": {"remote": false},
		}]}}],
	}],
}

findings(mod, version, tag, env) := fs if {
	fs := go_mod_newer_go.deny with input as doc(mod, version, tag, env)
}

test_local_toolchain_stops_the_build if {
	some f in findings({"go": "1.24.2"}, "1.23", "1.23-alpine", {})
	f.severity == "error"
	contains(f.msg, "go.mod asks for Go 1.24.2, and stage \"build\" builds on golang:1.23-alpine (Go 1.23; `go build` on line 5)")
	contains(f.msg, "GOTOOLCHAIN=local")
	f.edits == [{"line": 1, "column": 0, "end_line": 1, "end_column": 0, "text": "FROM golang:1.24-alpine AS build"}]
}

test_auto_downloads_the_toolchain_line if {
	some f in findings({"go": "1.23.0", "toolchain": "go1.24.2"}, "1.23", "1.23", {"GOTOOLCHAIN": "auto"})
	f.severity == "warning"
	contains(f.msg, "asks for Go 1.24.2")
	contains(f.msg, "downloads that toolchain")
}

test_old_go_builds_anyway if {
	some f in findings({"go": "1.22"}, "1.20.5", "1.20.5-bullseye", {})
	contains(f.msg, "before 1.21")
	f.edits[0].text == "FROM golang:1.22-bullseye AS build"
}

# The image's 1.24 has the newest 1.24 patch; a patch tag is compared whole.
test_same_release_and_newer_image_are_quiet if {
	count(findings({"go": "1.24.2"}, "1.24", "1.24", {})) == 0
	count(findings({"go": "1.23.0", "toolchain": "go1.24.2"}, "1.23", "1.23", {})) == 0
	count(findings({"go": "1.22"}, "1.24", "1.24", {})) == 0
}

test_patch_tag_older_than_go_line_fires if {
	count(findings({"go": "1.24.3"}, "1.24.1", "1.24.1", {})) == 1
}

test_unknown_context_is_quiet if {
	d := object.remove(doc({"go": "1.30"}, "1.23", "1.23", {}), ["context"])
	count(go_mod_newer_go.deny) == 0 with input as object.union(d, {"context": null})
}
