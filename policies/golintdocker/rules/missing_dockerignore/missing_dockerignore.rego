# METADATA
# title: COPY of the whole build context without a .dockerignore
# description: |
#   `COPY . .` copies everything in the build context. Without a
#   .dockerignore that includes .git (history, and any secret ever committed),
#   local .env files and credentials, built binaries and the Dockerfile
#   itself: they land in the builder (and in the image, for a single-stage
#   build), the context upload grows, and every commit or local build
#   changes the layer and busts the cache for the build after it. The build
#   context is --context, else found from where the Dockerfile's COPY
#   sources are; when it cannot be found the rule says nothing.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#missing-dockerignore
# custom:
#   id: GD026
#   severity: warning
#   guide: "3"
#   since: 0.1.0
#   fix: Add a .dockerignore at the root of the build context that excludes .git, *.env, build output and Dockerfile*.
#   bad: |
#     # no .dockerignore in the build context
#     COPY . .
#   good: |
#     # .dockerignore: .git  *.env  bin/  Dockerfile*
#     COPY . .
package golintdocker.rules.missing_dockerignore

import data.golintdocker.lib.files
import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.stages

whole_context := {".", "./", "*", "./*"}

deny contains finding if {
	input.context != null
	input.context.dockerignore == ""
	some [s, i] in files.copies
	i.cmd in {"copy", "add"}
	i.copy.from == ""
	count(i.copy.heredocs) == 0
	some src in i.copy.sources
	src in whole_context
	finding := {
		"msg": sprintf("%s on line %d copies the whole build context, and there is no .dockerignore: .git, local .env files and build output go into %s and every change to them busts the cache", [i.original, i.line, stages.label(s)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": sprintf("Add a .dockerignore at the root of the build context (%s) that excludes %s.", [input.context.dir, entries]),
	}
}

entries := ".git, .github, *.env, .env*, bin/, dist/, vendor/ (unless the build uses it), *.test, coverage.out, Dockerfile*, .dockerignore" if {
	count(gobuilds.runs) > 0
} else := ".git, *.env, .env*, build output and dependency folders (dist/, node_modules/, target/), Dockerfile*, .dockerignore"
