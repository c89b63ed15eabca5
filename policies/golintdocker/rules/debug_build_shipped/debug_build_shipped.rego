# METADATA
# title: A race-detector or unoptimised build ships in a runtime image
# description: |
#   `go build -race` links the race detector: the program runs 2-20 times
#   slower, needs 5-10 times the memory and exits at the first data race it
#   sees, which makes it a test tool, not a release. `-gcflags "all=-N -l"`
#   turns optimisations and inlining off for a debugger; in an image without
#   Delve the binary is only slower and larger. Debug images (with Delve, or
#   named debug/dev) are left alone.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#debug-build-shipped
#   - ref: https://go.dev/doc/articles/race_detector
# custom:
#   id: GD037
#   severity: warning
#   since: 0.2.0
#   fix: Build the release binary without -race and without -N -l; keep those for a test stage or a separate debug target that also ships Delve.
#   bad: |
#     RUN CGO_ENABLED=1 go build -race -o /out/app .
#   good: |
#     RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .
package golintdocker.rules.debug_build_shipped

import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.images

deny contains finding if {
	some s in images.runtime
	s.role == "runtime"
	some bin in s.binaries
	[_, _, g] := gobuilds.build_of(bin)
	what := debug_kind(g, s)
	finding := {
		"msg": sprintf("`go %s` on line %d %s, and the binary runs in %s", [g.subcommand, g.line, what, images.label(s)]),
		"line": g.line,
		"end_line": g.end_line,
	}
}

debug_kind(g, _) := "builds with -race: the race detector makes the program 2-20x slower and 5-10x hungrier for memory, and it exits at the first data race" if g.build.race

debug_kind(g, s) := "turns optimisations and inlining off (-gcflags -N -l), for a debugger the image does not have: the binary is slower and larger than a release build" if {
	g.build.kind == "debug"
	not g.build.race
	not s.delve
}
