# METADATA
# title: GOPROXY=direct fetches every module from its origin repository
# description: |
#   With GOPROXY=direct (or direct first in the list) the go command skips
#   the module proxy and clones each module from its repository: the image
#   needs git (or hg, svn), builds are slower, and they fail when a
#   repository is renamed, deleted or down, while proxy.golang.org (or a
#   company proxy such as Athens) keeps every version it has served.
#   Checksums are still verified. Private modules belong in GOPRIVATE, not
#   in a direct-for-all setting.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#goproxy-direct
#   - ref: https://go.dev/ref/mod#goproxy-protocol
# custom:
#   id: GD036
#   severity: info
#   since: 0.2.0
#   fix: Leave GOPROXY at its default (https://proxy.golang.org,direct) or point it at your proxy, and list private modules in GOPRIVATE.
#   bad: |
#     ENV GOPROXY=direct
#   good: |
#     ENV GOPROXY=https://proxy.golang.org,direct GOPRIVATE=github.com/acme/*
package golintdocker.rules.goproxy_direct

deny contains finding if {
	some s in input.stages
	some set in s.go_settings
	set.name == "GOPROXY"
	first := trim_space(regex.split(`[,|]`, set.value)[0])
	first == "direct"
	finding := {
		"msg": sprintf("GOPROXY=%s on line %d skips the module proxy: every module is cloned from its repository (git needed, slower, and the build fails when a repository moves or disappears)", [set.value, set.line]),
		"line": set.line,
		"end_line": set.end_line,
	}
}
