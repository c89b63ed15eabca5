# METADATA
# title: ADD downloads a file over HTTP(S) without --checksum
# description: |
#   `ADD https://...` puts whatever the server returns into the image, on
#   every build that misses the cache: a re-tagged release, a compromised
#   download server or a proxy changes the file, and nothing notices.
#   `ADD --checksum=sha256:...` (Dockerfile syntax 1.6 and later) makes the
#   build fail instead. A URL that names a commit (raw files at a commit
#   hash) is left alone.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#add-without-checksum
#   - ref: https://docs.docker.com/reference/dockerfile/#add---checksum
# custom:
#   id: GD040
#   severity: warning
#   since: 0.2.0
#   fix: Pin the download with `ADD --checksum=sha256:<digest of the file> <url> <dest>` (`sha256sum` of a download you trust gives the digest).
#   bad: |
#     ADD https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu
#   good: |
#     ADD --checksum=sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3 \
#         https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu
package golintdocker.rules.add_without_checksum

import data.golintdocker.lib.instructions

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in instructions.by_cmd.add
	i.copy.checksum == ""
	some k, kind in i.copy.source_kinds
	kind == "url"
	url := i.copy.sources[k]
	not regex.match(`/[0-9a-f]{40}(/|$)`, url)
	not verified_later(s, i)
	finding := {
		"msg": sprintf("ADD on line %d downloads %s without --checksum: whatever the server returns goes into the image unchecked", [i.line, url]),
		"line": i.line,
		"end_line": i.end_line,
	}
}

# A later RUN of the stage checks a digest or signature of what was
# downloaded (sha256sum -c, gpg --verify, cosign verify).
verified_later(s, add) if {
	some i in s.instructions
	i.index > add.index
	some c in i.run.commands
	verifier(c)
}

verifier(c) if {
	c.name in {"sha256sum", "sha512sum", "sha1sum", "md5sum", "shasum"}
	some a in c.argv
	a in {"-c", "--check"}
}

verifier(c) if {
	c.name in {"gpg", "gpgv", "cosign", "minisign", "signify"}
	some a in c.argv
	a in {"--verify", "verify", "verify-blob", "-V", "-C"}
}
