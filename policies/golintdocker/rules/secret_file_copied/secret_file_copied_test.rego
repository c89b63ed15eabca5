package golintdocker.tests.secret_file_copied

import data.golintdocker.rules.secret_file_copied

doc(sources) := {"fixture": false, "stages": [{"index": 0, "name": "build", "instructions": [{"index": 0, "cmd": "copy", "line": 4, "end_line": 4, "copy": {"sources": sources}}]}]}

kinds(sources) := {f.msg | some f in fs} if {
	fs := secret_file_copied.deny with input as doc(sources)
}

test_ssh_key_fires_with_ssh_mount_fix if {
	fs := secret_file_copied.deny with input as doc(["id_ed25519"])
	some f in fs
	contains(f.msg, "COPY on line 4 puts id_ed25519 (an SSH private key) into a layer of stage \"build\"")
	contains(f.fix, "--mount=type=ssh")
}

test_netrc_fires_with_secret_mount_fix if {
	fs := secret_file_copied.deny with input as doc(["./.netrc"])
	some f in fs
	contains(f.fix, "--mount=type=secret,id=netrc,target=/root/.netrc")
}

test_other_secrets_fire if {
	count(kinds([".env", ".env.production", ".npmrc", "certs/server-key.pem", "tls/private.key", "keystore.p12", ".ssh/", "credentials.json"])) == 8
}

test_public_and_example_files_are_quiet if {
	count(kinds(["id_rsa.pub", ".env.example", ".env.sample", "certs/ca.pem", "certs/server.pem", "docker-archive-keyring.gpg", "Release.key", "public.key", "envoy.yaml", "go.mod", "sample-RSA-private.pem", "test.env", ".env.test"])) == 0
}
