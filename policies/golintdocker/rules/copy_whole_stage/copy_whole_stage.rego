# METADATA
# title: COPY --from=<builder> / / copies a whole toolchain or OS filesystem
# description: |
#   `COPY --from=build / /` copies every file of the source stage: from a
#   golang builder that is the Go toolchain, the sources, the module and
#   build caches, and every package the builder installed, which the
#   multi-stage build was meant to leave behind; onto another OS image it
#   lays one distribution's files over the other's. Copy the files the
#   image needs. (Flattening an image onto scratch, and copying from small
#   helper images such as tonistiigi/xx, is left alone.)
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#copy-whole-stage
# custom:
#   id: GD045
#   severity: warning
#   since: 0.2.0
#   fix: Copy only what the image needs (`COPY --from=build /out/app /app`, plus certificates or time zones if it uses them).
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -o /out/app .
#     FROM alpine:3.22
#     COPY --from=build / /
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN CGO_ENABLED=0 go build -o /out/app .
#     FROM alpine:3.22
#     COPY --from=build /out/app /usr/local/bin/app
package golintdocker.rules.copy_whole_stage

import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.copy
	trim_right(i.copy.dest_path, "/") == "" # the destination is /, or empty
	paths.clean(i.copy.dest_path) == "/"
	s.built
	some src in i.copy.sources
	paths.clean(trim_suffix(src, ".")) == "/"
	source := source_facts(i.copy)
	what := problem(source, s)
	finding := {
		"msg": sprintf("COPY --from=%s / / on line %d copies the whole filesystem of %s into %s: %s", [i.copy.from, i.line, source.name, stages.label(s), what]),
		"line": i.line,
		"end_line": i.end_line,
	}
}

# What the source is: a stage (its base image's facts) or an image.
source_facts(c) := {"name": stages.base_name(st), "facts": images.facts(st)} if {
	c.from_stage != null
	st := input.stages[c.from_stage]
} else := {"name": c.from, "facts": c.from_image_facts} if {
	c.from_image_facts != null
}

problem(source, _) := "the Go toolchain, the sources and the module cache ship with the binary" if {
	source.facts.go_toolchain == true
}

problem(source, s) := "one distribution's files land over the other's" if {
	not source.facts.go_toolchain == true
	source.facts.kind in {"os", "toolchain"}
	not stages.base(s).scratch
	not images.facts(s).empty == true
}
