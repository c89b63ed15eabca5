package golintdocker.lib.gobuilds_test

import data.golintdocker.lib.gobuilds
import data.golintdocker.testdoc

api := testdoc.go_build(4, "/out/api", ["./cmd/api"], [2])

check := object.union(testdoc.go_build(5, "/dev/null", ["./..."], []), {"build": {"kind": "check"}})

tool := object.union(testdoc.go_build(13, "", ["github.com/sqlc-dev/sqlc/cmd/sqlc@v1.29.0"], []), {"subcommand": "install", "output": null})

# A builder whose api binary ships to the final image; a tools stage that
# nothing builds.
go_doc := testdoc.stages([
	object.union(
		testdoc.stage(0, "build", "golang:1.27-alpine", [
			testdoc.run(2, [testdoc.command(["apk", "add", "git"])]),
			object.union(testdoc.go_run(4, [api, check]), {"workdir": "/src"}),
		]),
		{"workdir": "/src"},
	),
	object.union(testdoc.stage(1, "tools", "golang:1.27-alpine", [testdoc.go_run(13, [tool])]), {"used_by_final": false}),
	testdoc.stage(2, "", "scratch", [testdoc.copy_from(22, 0, ["/out/api"], "/api")]),
])

test_runs if {
	[i.line | some [_, i] in gobuilds.runs] == [4, 13] with input as go_doc
	[i.line | some [_, i] in gobuilds.shipping_runs] == [4] with input as go_doc
}

test_shipped_is_the_shipping_binaries_with_their_images if {
	[[s.index, i.line, g.output, [img.index | some img in imgs]] | some [s, i, g, imgs] in gobuilds.shipped] == [[0, 4, "/out/api", [2]]] with input as go_doc
}

test_build_of_a_binary if {
	[s, i, g] := gobuilds.build_of({"stage": 0, "instruction": 1, "go": 0, "path": "/api"}) with input as go_doc
	s.name == "build"
	i.line == 4
	g.output == "/out/api"
}

test_binary_local_remote if {
	gobuilds.binary(api)
	gobuilds.binary(tool)
	not gobuilds.binary(object.union(api, {"subcommand": "test"}))
	gobuilds.local(api)
	not gobuilds.local(tool)
	gobuilds.remote_only(tool)
	not gobuilds.remote_only(api)
}

test_vendored if {
	gobuilds.vendored(object.union(api, {"flags": [{"name": "mod", "value": "vendor"}]}))
	gobuilds.vendored(object.union(api, {"env": {"GOFLAGS": "-trimpath -mod=vendor"}}))
	not gobuilds.vendored(api)
	not gobuilds.vendored(object.union(api, {"flags": [{"name": "mod", "value": "mod"}]}))
}

test_module_mode if {
	gobuilds.module_mode(object.union(api, {"flags": [{"name": "mod", "value": "readonly"}]}))
	gobuilds.module_mode(object.union(api, {"env": {"GOFLAGS": "-mod=mod -trimpath"}}))
	not gobuilds.module_mode(api)
	not gobuilds.module_mode(object.union(api, {"env": {"GOFLAGS": "-mod=vendor"}}))
}

go_mod(fields) := {"context": {"vendored": false, "go_mod": object.union({"remote_requires": true, "error": ""}, fields)}}

# A stage that copies the context (COPY . /src/), then runs go command g
# on line 4, in a build context with go.mod's fields: [document, the RUN].
# The RUN sees the context's go.mod (run.context_go_mod), as golint-docker
# works it out.
module_doc(fields, g) := module_doc_seen(fields, g, true)

# The same, where the RUN sees the context's go.mod or not (seen).
module_doc_seen(fields, g, seen) := [d, d.stages[0].instructions[1]] if {
	run := object.union(testdoc.go_run(4, [g]), {"run": {"context_go_mod": seen}})
	d := object.union(
		testdoc.stages([testdoc.stage(0, "build", "golang:1.27-alpine", [testdoc.copy(3, ["."], "/src/"), run])]),
		go_mod(fields),
	)
}

no_deps := {"remote_requires": false}

test_downloads_nothing if {
	download := {"subcommand": "mod download", "packages": [], "flags": [], "env": {}}

	# Nothing required outside the repository.
	every g in [api, download] {
		[d, i] := module_doc(no_deps, g)
		gobuilds.downloads_nothing(i, g) with input as d
	}
	every g in [tool, object.union(download, {"packages": ["example.com/x@v1.0.0"]}), object.union(api, {"outside_module": true})] {
		[d, i] := module_doc(no_deps, g)
		not gobuilds.downloads_nothing(i, g) with input as d
	}
	[d, i] := module_doc({}, api)
	not gobuilds.downloads_nothing(i, api) with input as d
	[d2, i2] := module_doc({"remote_requires": false, "error": "go.mod:1: bad"}, api)
	not gobuilds.downloads_nothing(i2, api) with input as d2
	not gobuilds.downloads_nothing(i, api) with input as object.union(d, {"context": null})
}

# The context's go.mod says nothing of a RUN that does not see it (no
# COPY of it before, a module from elsewhere: run.context_go_mod false).
test_downloads_nothing_needs_the_context_module if {
	download := {"subcommand": "mod download", "packages": [], "flags": [], "env": {}}
	every g in [api, download] {
		[d, i] := module_doc_seen(no_deps, g, false)
		not gobuilds.downloads_nothing(i, g) with input as d
	}
	[d, i] := module_doc_seen({}, api, false)
	not gobuilds.downloads_nothing(i, api) with input as object.union(d, {"context": {"vendored": true}})
}

test_vendored_builds_download_nothing if {
	vendored := {"vendored": true}
	download := {"subcommand": "mod download", "packages": [], "flags": [], "env": {}}

	# Vendored: builds read vendor/, go mod download still fetches.
	[d, i] := module_doc({}, api)
	dv := object.union(d, {"context": object.union(d.context, vendored)})
	gobuilds.downloads_nothing(i, api) with input as dv
	not gobuilds.downloads_nothing(i, download) with input as dv
	not gobuilds.downloads_nothing(i, object.union(api, {"flags": [{"name": "mod", "value": "mod"}]})) with input as dv
}

test_context_go_mod if {
	gobuilds.context_go_mod == {"remote_requires": false, "error": ""} with input as go_mod({"remote_requires": false})
	not gobuilds.context_go_mod with input as go_mod({"error": "go.mod:1: bad"})
	not gobuilds.context_go_mod with input as {"context": {"go_mod": null}}
	not gobuilds.context_go_mod with input as {"context": null}
}

test_setting_prefers_the_go_command_env if {
	i := testdoc.go_run(4, [object.union(api, {"env": {"GOCACHE": "/cache/build"}})])
	gobuilds.setting(object.union(i, {"env": {"GOCACHE": "/other", "GOMODCACHE": "/cache/mod"}}), "GOCACHE") == "/cache/build"
	gobuilds.setting(object.union(i, {"env": {"GOMODCACHE": "/cache/mod"}}), "GOMODCACHE") == "/cache/mod"
	not gobuilds.setting(i, "GOFLAGS")
}

test_outputs_are_absolute if {
	relative := testdoc.go_run(4, [object.union(api, {"output": "bin/api"})])
	s := testdoc.stage(0, "build", "golang:1.27-alpine", [object.union(relative, {"workdir": "/src/"})])
	gobuilds.outputs(s) == {"/src/bin/api"} with input as testdoc.stages([s])
	gobuilds.outputs(go_doc.stages[0]) == {"/out/api", "/dev/null"} with input as go_doc
	gobuilds.outputs(go_doc.stages[1]) == set() with input as go_doc
}
