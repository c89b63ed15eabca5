# METADATA
# title: A pipe hides the failure of a build, test or download (no pipefail)
# description: |
#   A shell pipe's status is its last command's: in `go test ./... | tee
#   /out/test.log` or `curl -fsSL $URL | awk ...` the RUN succeeds when the
#   tests fail or the download breaks, and the image is built on a failure
#   nobody sees. `set -o pipefail` (busybox ash, bash) makes the pipe fail
#   when any command in it fails. Reported for pipes whose earlier commands
#   can fail in ways that matter (go, make, curl, git, scanners...) and
#   whose last command passes along whatever it gets (tee, awk, sed, sort);
#   pipes into tar, gpg or sha256sum -c fail on a broken input anyway, and
#   the status of a pipe inside $(...) is mostly not looked at.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#missing-pipefail
#   - ref: https://docs.docker.com/build/building/best-practices/#using-pipes
# custom:
#   id: GD043
#   severity: warning
#   fix_safety: unsafe
#   since: 0.2.0
#   aliases: [DL4006, DS032]
#   fix: Start the RUN with `set -o pipefail &&` (Alpine's ash and bash), or set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` on images whose /bin/sh is dash (Debian, Ubuntu).
#   bad: |
#     RUN go test ./... | tee /out/test.log
#   good: |
#     RUN set -o pipefail && go test ./... | tee /out/test.log
package golintdocker.rules.missing_pipefail

import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.run
	some p in i.run.pipelines
	not p.pipefail
	not p.substituted
	n := count(p.commands)
	last := p.commands[n - 1]
	last >= 0
	passes_anything(i.run.commands[last])
	hidden := [c.name |
		some at in array.slice(p.commands, 0, n - 1)
		at >= 0
		c := i.run.commands[at]
		matters(c)
	]
	count(hidden) > 0
	finding := {
		"msg": sprintf("RUN on line %d pipes `%s` into `%s` without pipefail: when %s fails, the RUN still succeeds", [i.line, concat(" | ", hidden), i.run.commands[last].name, concat(" or ", hidden)]),
		"line": p.line,
		"end_line": p.end_line,
		"edits": edits(s, i),
	}
}

# Commands whose failure means the build is wrong: compilers, tests,
# downloads, scanners, package managers.
matters(c) if c.name in {
	"go", "xx-go", "make", "cmake", "ninja", "cargo", "npm", "npx", "yarn", "pnpm", "pip", "pip3",
	"curl", "wget", "scurl", "git", "govulncheck", "golangci-lint", "staticcheck", "gotestsum",
	"mvn", "gradle", "dotnet", "helm", "kubectl", "protoc", "buf", "python", "python3", "node",
}

# A command whose status stays 0 whatever (or however little) it reads.
# sh/bash are left to pipe-to-shell when they run a download.
passes_anything(c) if c.name in {
	"tee", "awk", "gawk", "mawk", "sed", "sort", "uniq", "cut", "tr", "wc", "head", "tail",
	"cat", "column", "sponge", "go-junit-report", "go-mod-outdated", "xargs", "less", "more", "fold", "nl",
}

# set -o pipefail at the start of the RUN, where the image's /bin/sh
# supports it (busybox ash, bash) and the script starts with a plain
# command.
edits(s, i) := [findings.insert_at(first, "set -o pipefail && ")] if {
	i.run.shell[0] in {"/bin/sh", "sh"}
	images.facts(s).package_manager == "apk"
	first := i.run.commands[0]
	first.exact
	count(i.run.heredocs) == 0
	not regex.match(`^\s*([({!]|(if|for|while|until|case|select|function)\s)`, i.run.script)
} else := [findings.insert_at(first, "set -o pipefail && ")] if {
	i.run.shell[0] in {"/bin/bash", "bash"}
	first := i.run.commands[0]
	first.exact
	count(i.run.heredocs) == 0
	not regex.match(`^\s*([({!]|(if|for|while|until|case|select|function)\s)`, i.run.script)
} else := []
