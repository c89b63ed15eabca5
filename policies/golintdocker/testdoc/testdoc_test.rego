# METADATA
# title: Test documents
# description: |
#   Builds the input documents Rego tests run on. doc completes a document
#   written by hand with what golint-docker's Go side adds: each stage's
#   image facts (the entry of data.golintdocker.images its root image
#   matches), each instruction's position, and, unless the test says
#   otherwise, the final stage as the one runtime image. The other helpers
#   write the parts of it: stages, FROMs, RUN, COPY, commands, go builds.
#   A test overrides any field with object.union.
# scope: package
package golintdocker.testdoc

import data.golintdocker.images

# The data entry of each image the tests use, as golint-docker matches it.
keys := {
	"scratch": "scratch",
	"alpine": "alpine",
	"alpine:3.22": "alpine",
	"busybox:1.37": "busybox",
	"gcr.io/distroless/static-debian12": "distroless-static",
	"gcr.io/distroless/static-debian12:nonroot": "distroless-static-nonroot",
	"gcr.io/distroless/base-debian12:nonroot": "distroless-base-nonroot",
	"golang:1.21-alpine": "golang-alpine",
	"golang:1.25-alpine": "golang-alpine",
	"golang:1.27-alpine": "golang-alpine",
	"golang:1.27": "golang-debian",
	"golang:1.27-windowsservercore": "golang-windows",
	"debian:bookworm-slim": "debian",
	"debian:12-slim": "debian",
	"ubuntu:24.04": "ubuntu",
	"node:18": "node",
	"node:22": "node",
	"node:22-alpine": "node-alpine",
}

# The facts of an image as the document carries them; null when unknown.
facts(image) := object.union(object.remove(images[key], ["match", "priority", "description"]), {"id": key}) if {
	key := keys[image]
} else := null

# d with the facts filled in where the test left them out.
doc(d) := object.union(
	{"runtime_stages": [final], "final_stage": final},
	object.union(d, {"stages": [complete(d, s, final) | some s in d.stages]}),
) if {
	final := object.get(d, "final_stage", count(d.stages) - 1)
}

# Stage s of d with what the test left out: the defaults, and each
# instruction's position.
complete(d, s, final) := object.union(
	object.union(defaults(d, s, final), s),
	{"instructions": [object.union({"index": j}, i) | some j, i in object.get(s, "instructions", [])]},
)

# What golint-docker would say about stage s of d when the test does not:
# the facts of its root image, a Linux image that gets built, with no
# binaries, files or packages known.
defaults(d, s, final) := {
	"image": facts(object.get(object.get(d.stages[object.get(s, "root", s.index)], "from", {}), "image", "")),
	"role": role(s, final),
	"os": "linux",
	"built": object.get(s, "used_by_final", true),
	"final": s.index == final,
	"binaries": [],
	"serves": [],
	"packages": [],
	"files": {"ca_certs": null, "tzdata": null},
	"shell": ["/bin/sh", "-c"],
}

# The final stage is the runtime image, the others build it.
role(s, final) := "runtime" if s.index == final

else := "builder"

# A document of the stages, the last one final.
stages(list) := doc({"stages": list})

# FROM image (as written, with nothing left unresolved).
from(image) := {
	"original": image, "image": image, "scratch": image == "scratch",
	"stage": null, "platform": "", "platform_resolved": "", "unresolved": [],
}

# FROM an earlier stage, by its position.
from_stage(k) := object.union(from(sprintf("%d", [k])), {"image": "", "stage": k})

# Stage index, named name ("" for none), on image, with its instructions;
# its FROM is on line 10 * index + 1.
stage(index, name, image, instructions) := {
	"index": index, "name": name, "root": index,
	"line": (10 * index) + 1, "from_end_line": (10 * index) + 1,
	"from": from(image), "instructions": instructions,
}

# Stage index built on stage parent (FROM parent's name or position).
child(index, name, parent, instructions) := object.union(
	stage(index, name, "", instructions),
	{"root": parent.root, "from": from_stage(parent.index)},
)

# A shell-form RUN on line of the commands.
run(line, commands) := {
	"cmd": "run", "form": "shell", "line": line, "end_line": line,
	"env": {}, "workdir": "", "flags": [],
	"run": {"shell": ["/bin/sh", "-c"], "mounts": [], "commands": commands, "go": [], "context_go_mod": false},
}

# A shell-form RUN on line of the go commands gos.
go_run(line, gos) := object.union(run(line, []), {"run": {"go": gos}})

# A shell command as the document describes it.
command(argv) := {"name": argv[0], "argv": argv, "env": {}, "vars": [], "expanded": true}

# `go build -o output packages` on line, shipping to the runtime stages
# shipped_to (golint-docker's go[].build facts).
go_build(line, output, packages, shipped_to) := {
	"subcommand": "build", "argv": array.concat(["go", "build", "-o", output], packages),
	"env": {}, "flags": [], "packages": packages, "output": output, "unknown": [],
	"trimpath": false, "tags": [], "line": line, "end_line": line,
	"build": {"kind": "binary", "ships": count(shipped_to) > 0, "shipped_to": shipped_to},
}

# COPY sources dest on line, from the build context.
copy(line, sources, dest) := {
	"cmd": "copy", "line": line, "end_line": line, "env": {}, "workdir": "", "flags": [],
	"copy": {
		"sources": sources, "dest": dest, "dest_path": clean(dest), "dest_dir": endswith(dest, "/"),
		"from": "", "from_stage": null, "from_image": null,
	},
}

# A destination without its trailing slash, as dest_path has it.
clean(dest) := "/" if dest == "/"

else := trim_right(dest, "/")

# COPY --from=stage k sources dest on line.
copy_from(line, k, sources, dest) := object.union(copy(line, sources, dest), {"copy": {"from": sprintf("%d", [k]), "from_stage": k}})

# A RUN --mount of type on target, from= from (a stage name or image, ""
# for none) resolved to stage from_stage (null for none). A mount of an
# image sets from_image (the split reference) itself.
mount(type, target, from, from_stage) := {
	"type": type, "target": target, "source": "", "from": from, "from_stage": from_stage,
	"from_image": null, "id": "", "sharing": "", "readonly": false, "required": false,
}
