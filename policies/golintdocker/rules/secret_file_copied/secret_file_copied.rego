# METADATA
# title: A private key, .netrc, .env or other credentials file is copied into the image
# description: |
#   What COPY or ADD puts in a layer stays there: anyone who can pull the
#   image, or read the build cache, can read the file, even when a later
#   RUN deletes it, and a builder stage leaks it through the cache and
#   --target builds. The classic Go case is a private module: id_rsa or a
#   .netrc (with GOPRIVATE) copied in for `go mod download`. BuildKit mounts
#   secrets for one RUN without writing them to a layer. Files named as
#   samples or test fixtures (sample-key.pem, test.env) are left alone.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#secret-file-copied
#   - ref: https://docs.docker.com/build/building/secrets/
# custom:
#   id: GD044
#   severity: error
#   since: 0.2.0
#   fix: Mount the secret for the one RUN that needs it (`RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download`, `RUN --mount=type=ssh ...` for SSH keys) and pass it with `docker build --secret id=netrc,src=$HOME/.netrc` or `--ssh default`.
#   bad: |
#     COPY .netrc /root/.netrc
#     RUN go mod download
#   good: |
#     RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download
package golintdocker.rules.secret_file_copied

import data.golintdocker.lib.files
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

deny contains finding if {
	not input.fixture
	some [_, _, s, i] in files.all_copies
	some src in i.copy.sources
	regex.match(could_be_secret, src)
	name := paths.base(src)
	kind := secret_kind(name)
	not sample(name)
	finding := {
		"msg": sprintf("%s on line %d puts %s (%s) into a layer of %s: whoever can pull the image or read the build cache can read it, even if a later step deletes it", [upper(i.cmd), i.line, src, kind, stages.label(s)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": fix[kind_key(name)],
	}
}

# One cheap test that every name secret_kind knows passes (each contains
# one of these words), so that most sources skip its chain of tests.
could_be_secret := `id_|ssh|netrc|credentials|npmrc|pypirc|docker|aws|kubeconfig|env|pem|key|p12|pfx|jks`

# Keys and files named for tests and examples are fixtures, not secrets.
sample(name) if regex.match(`(?i)(^|[-_.])(sample|example|test|testing|dummy|fake|demo|fixture|insecure)([-_.]|$)`, name)

secret_kind(name) := "an SSH private key" if {
	regex.match(`^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$`, name)
} else := "SSH keys" if {
	name == ".ssh"
} else := "credentials for machines such as git hosts" if {
	name in {".netrc", "_netrc", ".git-credentials"}
} else := "registry credentials" if {
	name in {".npmrc", ".pypirc", ".dockercfg", ".docker"}
} else := "cloud credentials" if {
	name in {"credentials", "credentials.json", ".aws", "application_default_credentials.json", "kubeconfig"}
} else := "environment variables, usually secrets" if {
	regex.match(`^\.env(\.[A-Za-z0-9_-]+)?$`, name)
	not regex.match(`\.(example|sample|template|dist|defaults?|tmpl|schema)$`, name)
} else := "a private key" if {
	regex.match(`^(.*[-_.])?(private|priv|privkey|key)([-_.].*)?\.(pem|key)$|\.(p12|pfx|jks|keystore)$`, name)
	not regex.match(`(^|[-_.])pub(lic)?([-_.]|$)`, name)
	not regex.match(`(?i)(gpg|pgp|apt|release|archive|signing|repo)`, name)
}

kind_key(name) := "ssh" if {
	regex.match(`^id_|^\.ssh$`, name)
} else := "netrc" if {
	name in {".netrc", "_netrc", ".git-credentials"}
} else := "other"

fix := {
	"ssh": "Forward the SSH agent to the one RUN that needs it: `RUN --mount=type=ssh go mod download` (with `git config --global url.\"git@github.com:\".insteadOf https://github.com/` and GOPRIVATE set), built with `docker build --ssh default`.",
	"netrc": "Mount it for the one RUN that needs it: `RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download`, built with `docker build --secret id=netrc,src=$HOME/.netrc`.",
	"other": "Mount it for the one RUN that needs it (`RUN --mount=type=secret,id=<name>,target=<path> ...`, built with `docker build --secret id=<name>,src=<file>`), or give it to the container at run time (a volume, the orchestrator's secrets).",
}
