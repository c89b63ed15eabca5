# METADATA
# title: Test documents
# description: |
#   Completes the input documents the rule tests write by hand with the
#   facts golint-docker's Go side adds: each stage's image facts (the entry
#   of data.golintdocker.images its root image matches), and, unless the
#   test says otherwise, the final stage as the one runtime image.
# scope: package
package golintdocker.testdoc

import data.golintdocker.images

# The data entry of each image the tests use, as golint-docker matches it.
keys := {
	"scratch": "scratch",
	"alpine": "alpine",
	"alpine:3.22": "alpine",
	"gcr.io/distroless/static-debian12": "distroless-static",
	"gcr.io/distroless/static-debian12:nonroot": "distroless-static-nonroot",
	"gcr.io/distroless/base-debian12:nonroot": "distroless-base-nonroot",
	"golang:1.21-alpine": "golang-alpine",
	"golang:1.25-alpine": "golang-alpine",
	"golang:1.27-alpine": "golang-alpine",
	"golang:1.27": "golang-debian",
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
	{"runtime_stages": [final]},
	object.union(d, {"stages": [complete(d, s, final) | some s in d.stages]}),
) if {
	final := object.get(d, "final_stage", count(d.stages) - 1)
}

complete(d, s, final) := object.union(defaults(d, s, final), s)

defaults(d, s, final) := {
	"image": facts(object.get(object.get(d.stages[object.get(s, "root", s.index)], "from", {}), "image", "")),
	"role": role(s, final),
	"os": "linux",
	"built": object.get(s, "used_by_final", true),
	"final": s.index == final,
	"binaries": [],
	"serves": [],
	"packages": [],
}

role(s, final) := "runtime" if s.index == final

else := "builder"
