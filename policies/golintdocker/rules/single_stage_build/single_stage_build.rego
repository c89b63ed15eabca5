# METADATA
# title: The final image is built on a Go toolchain image
# description: |
#   The final stage rests on golang:*, so the shipped image carries the whole
#   Go toolchain, the module cache, the sources and whatever build tools were
#   installed: hundreds of megabytes and a large attack surface, for a
#   program that is one static binary. Compile in a builder stage and copy
#   only the binary into a minimal final stage.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#single-stage-build
# custom:
#   id: GD001
#   severity: warning
#   guide: "1.1"
#   since: 0.1.0
#   fix: Split the build into a `FROM golang:<ver>-alpine AS builder` stage and a minimal final stage (scratch or distroless) that copies the binary with `COPY --from=builder`.
#   bad: |
#     FROM golang:1.27-alpine
#     WORKDIR /src
#     COPY . .
#     RUN go build -o /app .
#     ENTRYPOINT ["/app"]
#   good: |
#     FROM golang:1.27-alpine AS builder
#     WORKDIR /src
#     COPY . .
#     RUN CGO_ENABLED=0 go build -o /app .
#     FROM gcr.io/distroless/static-debian12:nonroot
#     COPY --from=builder /app /app
#     ENTRYPOINT ["/app"]
package golintdocker.rules.single_stage_build

import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.images
import data.golintdocker.lib.stages

# A runtime image on a Go toolchain image that builds its own binary: the
# compiler and the sources ship with it. (An image that copies a finished
# binary onto golang on purpose, such as golangci-lint's, needs the
# toolchain at run time and is not one.)
deny contains finding if {
	some s in images.linux_runtime
	images.facts(s).go_toolchain == true
	some bin in s.binaries
	input.stages[bin.stage].root == s.root
	[_, _, g] := gobuilds.build_of(bin)
	not g.build.remote
	finding := {
		"msg": sprintf("%s is built on %s, a Go toolchain image, and builds its binary in place (`go %s` on line %d): it ships the compiler, the sources and the module cache along with the binary", [images.label(s), stages.base_name(s), g.subcommand, g.line]),
		"line": s.line,
		"end_line": s.from_end_line,
		"fix": sprintf("Build in a `FROM %s AS builder` stage and ship a minimal final stage (`FROM scratch` or `FROM gcr.io/distroless/static-debian12:nonroot`) that does `COPY --from=builder` of the binary only.", [stages.base_name(s)]),
	}
}
