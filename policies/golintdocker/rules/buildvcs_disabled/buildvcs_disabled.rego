# METADATA
# title: A shipped binary is built with -buildvcs=false and no other version stamp
# description: |
#   Go records the revision, commit time and modified flag of the sources
#   in every binary it builds in a repository (`go version -m`, and
#   runtime/debug.ReadBuildInfo). -buildvcs=false, often added because the
#   builder has .git but no git, drops that, and nothing else says which
#   sources the binary came from: vulnerability scanners, SBOM tools and
#   whoever debugs it get no commit. Quiet when the build stamps a version
#   with -ldflags -X.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#buildvcs-disabled
# custom:
#   id: GD038
#   severity: info
#   since: 0.2.0
#   fix: Install git in the builder (and keep .git in the context) and drop -buildvcs=false, or stamp the commit with `-ldflags "-X main.commit=$COMMIT"` from a build argument.
#   bad: |
#     RUN go build -buildvcs=false -o /out/app .
#   good: |
#     ARG COMMIT
#     RUN go build -ldflags="-s -w -X main.commit=${COMMIT}" -o /out/app .
package golintdocker.rules.buildvcs_disabled

import data.golintdocker.lib.gobuilds

deny contains finding if {
	some [_, _, g, _] in gobuilds.shipped
	g.build.no_vcs
	not stamps_version(g)
	not "ldflags" in g.unknown
	finding := {
		"msg": sprintf("`go %s` on line %d builds with -buildvcs=false and stamps no version: the shipped binary does not say which commit it was built from", [g.subcommand, g.line]),
		"line": g.line,
		"end_line": g.end_line,
	}
}

stamps_version(g) if {
	some f in g.ldflags.flags
	startswith(f, "-X")
}
