package golintdocker.lib.files_test

import data.golintdocker.lib.files
import data.golintdocker.testdoc

# A builder with CA certificates and the api binary at /out/api; a rootfs
# stage that is never built; the final image gets the binary onto /.
api := testdoc.go_build(3, "/out/api", ["./cmd/api"], [2])

builder := object.union(
	testdoc.stage(0, "build", "golang:1.27-alpine", [testdoc.go_run(3, [api])]),
	{"files": {"ca_certs": true, "tzdata": false}},
)

rootfs := object.union(
	testdoc.stage(1, "rootfs", "alpine:3.22", [testdoc.run(12, [testdoc.command(["apk", "add", "tzdata"])])]),
	{"files": {"ca_certs": true, "tzdata": true}, "used_by_final": false},
)

final(instructions) := testdoc.stage(2, "", "scratch", instructions)

files_doc(instructions) := testdoc.stages([builder, rootfs, final(instructions)])

binary_onto_root := testdoc.copy_from(22, 0, ["/out/api"], "/")

certs := testdoc.copy_from(23, 0, ["/etc/ssl/certs/ca-certificates.crt"], "/etc/ssl/certs/")

tree := testdoc.copy_from(24, 1, ["/"], "/")

test_copies_and_from_mounts if {
	protos := {"name": "ghcr.io/acme/protos", "registry": "ghcr.io", "repository": "acme/protos", "tag": "v1", "digest": "", "scratch": false}
	m := object.union(testdoc.mount("bind", "/protos", "ghcr.io/acme/protos:v1", null), {"from_image": protos})
	d := files_doc([binary_onto_root, object.union(testdoc.run(25, []), {"run": {"mounts": [m, testdoc.mount("cache", "/go/pkg/mod", "", null)]}})])
	[[s.index, i.line] | some [s, i] in files.copies] == [[2, 22]] with input as d
	[[s.index, i.line, mt.target] | some [s, i, mt] in files.from_mounts] == [[2, 25, "/protos"]] with input as d
}

test_copied_into_a_directory if {
	d := files_doc([binary_onto_root, certs])
	files.copied_into(d.stages[2], "/etc/ssl/certs") with input as d
	files.copied_into(d.stages[2], "/etc/ssl/certs/ca-certificates.crt") with input as d
	not files.copied_into(d.stages[2], "/usr/share/zoneinfo") with input as d
}

# COPY --from=build /out/api / copies one binary, not a root filesystem.
test_binary_onto_root_is_no_tree if {
	d := files_doc([binary_onto_root])
	not files.tree_copy(binary_onto_root.copy) with input as d
	files.only_binaries(binary_onto_root.copy) with input as d
	not files.copied_into(d.stages[2], "/usr/share/zoneinfo") with input as d
}

test_tree_onto_root_may_hold_anything if {
	d := files_doc([tree])
	files.tree_copy(tree.copy) with input as d
	files.copied_into(d.stages[2], "/usr/share/zoneinfo") with input as d
}

test_chain_copies if {
	d := files_doc([binary_onto_root, certs])
	[c.dest_path | some c in files.chain_copies(d.stages[2])] == ["/", "/etc/ssl/certs"] with input as d
	files.chain_copies(d.stages[1]) == [] with input as d
}

test_copied_before_an_instruction if {
	d := files_doc([testdoc.run(21, []), certs])
	s := d.stages[2]
	files.copied_before(s, 2, "/etc/ssl/certs") with input as d
	not files.copied_before(s, 1, "/etc/ssl/certs") with input as d
	files.first_copy_into(s, "/etc/ssl/certs") == 1 with input as d
	files.first_copy_into(s, "/usr/share/zoneinfo") == null with input as d
}

test_copied_before_by_a_parent if {
	parent := testdoc.stage(0, "base", "alpine:3.22", [testdoc.copy(2, ["busybox"], "/bin/")])
	child := testdoc.child(1, "", parent, [testdoc.run(12, [])])
	d := testdoc.stages([parent, child])
	files.copied_before(d.stages[1], 0, "/bin") with input as d
	files.parent_copies_into(d.stages[1], "/bin") with input as d
	files.parent_copies_into(d.stages[1], "/etc") == false with input as d
}

test_copy_reaches if {
	files.copy_reaches(certs.copy, "/etc/ssl") with input as files_doc([])
	not files.copy_reaches(certs.copy, "/usr") with input as files_doc([])
}

# The stage a fix copies a file set from: built stages first, then the
# first one.
test_source_prefers_a_built_stage if {
	d := files_doc([])
	files.source(d.stages[2], "ca_certs").name == "build" with input as d
	files.source(d.stages[2], "tzdata").name == "rootfs" with input as d
	not files.source(d.stages[0], "ca_certs") with input as d
	files.source_rank(d.stages[0]) == 0
	files.source_rank(d.stages[1]) == 1
}

# COPY and ADD alike, with their stage and instruction positions.
test_all_copies if {
	add := object.union(testdoc.copy_from(26, 0, ["/out/api"], "/opt/"), {"cmd": "add"})
	d := files_doc([binary_onto_root, add])
	[[k, j, i.cmd] | some [k, j, _, i] in files.all_copies] == [[2, 0, "copy"], [2, 1, "add"]] with input as d
}
