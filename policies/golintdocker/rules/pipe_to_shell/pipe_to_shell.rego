# METADATA
# title: A script downloaded during the build is piped straight into a shell
# description: |
#   `curl -fsSL https://.../install.sh | sh` runs whatever the server sends,
#   unchecked: a compromised or changed script, a redirect, or a download
#   cut short (the shell runs the part that arrived) all reach the image,
#   and the next build may run something else. Download the release itself
#   with a checksum, or at least the script to a file checked against a
#   known digest before it runs.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#pipe-to-shell
# custom:
#   id: GD042
#   severity: warning
#   since: 0.2.0
#   fix: Install a release with a checksum (`ADD --checksum=sha256:... <url>`, or curl -o, then `echo "<sha256>  <file>" | sha256sum -c`), or save the script, check its digest the same way and run it from the file.
#   bad: |
#     RUN curl -sSfL https://raw.githubusercontent.com/golangci/golangci-lint/master/install.sh | sh -s -- -b /usr/local/bin v2.1.6
#   good: |
#     RUN go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.1.6
package golintdocker.rules.pipe_to_shell

import data.golintdocker.lib.instructions
import data.golintdocker.lib.paths

deny contains finding if {
	not input.fixture
	some [_, _, _, i] in instructions.by_cmd.run
	some p in i.run.pipelines
	some k, at in p.commands
	at >= 0
	downloader(i.run.commands[at])
	some later in array.slice(p.commands, k + 1, count(p.commands))
	later >= 0
	sh := shell_of(i.run.commands[later])
	url := concat(" ", [a | some a in i.run.commands[at].argv; regex.match(`^(https?|ftp)://`, a)])
	finding := {
		"msg": sprintf("RUN on line %d pipes `%s %s` into %s: the script runs as downloaded, unchecked, and a download cut short may run in part", [i.line, i.run.commands[at].name, url, sh]),
		"line": p.line,
		"end_line": p.end_line,
	}
}

downloaders := {"curl", "wget", "scurl", "fetch"}

shells := {"sh", "bash", "ash", "dash", "zsh", "ksh", "python", "python3", "perl", "ruby", "node"}

# curl or wget writing the download to standard output.
downloader(c) if {
	c.name in downloaders
	not writes_file(c)
}

writes_file(c) if {
	c.name in {"curl", "scurl"}
	some a in c.argv
	regex.match(`^(-[a-zA-Z]*[oO][a-zA-Z]*|--output(=.*)?|--remote-name.*)$`, a)
	not a in {"-o-", "-o", "--output"}
}

writes_file(c) if {
	c.name in {"curl", "scurl"}
	some j, a in c.argv
	a in {"-o", "--output"}
	c.argv[j + 1] != "-"
}

writes_file(c) if {
	c.name == "wget"
	not stdout_wget(c)
}

stdout_wget(c) if {
	some j, a in c.argv
	regex.match(`^(-[a-zA-Z]*O|--output-document)$`, a)
	c.argv[j + 1] == "-"
}

stdout_wget(c) if {
	some a in c.argv
	regex.match(`^(-[a-zA-Z]*O-|--output-document=-)$`, a)
}

# The shell a pipe stage runs: sh, or bash behind sudo.
shell_of(c) := c.name if c.name in shells

else := name if {
	c.name == "sudo"
	some a in array.slice(c.argv, 1, count(c.argv))
	not startswith(a, "-")
	name := paths.base(a)
	name in shells
}
