package golintdocker.tests.secret_in_env_arg

import data.golintdocker.rules.secret_in_env_arg

doc(instrs, args) := {"final_stage": 0, "args": args, "stages": [{"index": 0, "instructions": instrs}]}

env(pairs) := {"cmd": "env", "line": 6, "end_line": 6, "pairs": pairs}

arg(pairs) := {"cmd": "arg", "line": 4, "end_line": 4, "pairs": pairs}

pair(key, value) := {"key": key, "value": value, "raw": value}

test_env_token_is_error_without_the_value if {
	some f in secret_in_env_arg.deny with input as doc([env([pair("GOPROXY", "direct"), pair("GITHUB_TOKEN", "ghp_s3cr3t")])], [])
	f.line == 6
	f.severity == "error"
	contains(f.msg, "ENV GITHUB_TOKEN")
	not contains(f.msg, "ghp_s3cr3t")
	not contains(f.fix, "ghp_s3cr3t")
	contains(f.fix, "--mount=type=secret,id=GITHUB_TOKEN")
}

test_env_from_build_arg_is_error if {
	some f in secret_in_env_arg.deny with input as doc([env([pair("NPM_TOKEN", "$NPM_TOKEN")])], [])
	f.severity == "error"
}

test_arg_with_default_is_error if {
	some f in secret_in_env_arg.deny with input as doc([arg([pair("DB_PASSWORD", "hunter2")])], [])
	f.line == 4
	f.severity == "error"
	contains(f.msg, "ARG DB_PASSWORD on line 4 has a default")
	not contains(f.msg, "hunter2")
}

test_arg_without_default_is_warning if {
	some f in secret_in_env_arg.deny with input as doc([arg([pair("API_KEY", null)])], [])
	f.severity == "warning"
	contains(f.msg, "ARG API_KEY")
}

test_global_arg_fires if {
	a := {"name": "GIT_AUTH_TOKEN", "default": null, "line": 2, "end_line": 2}
	some f in secret_in_env_arg.deny with input as doc([], [a])
	f.line == 2
	f.severity == "warning"
}

test_allowed_names_are_quiet if {
	count(secret_in_env_arg.deny) == 0 with input as doc([env([pair("PASSWORD_FILE", "/run/secrets/db"), pair("GOPRIVATE", "github.com/acme/*")])], [])
	count(secret_in_env_arg.deny) == 0 with input as doc([arg([pair("TOKEN_URL", "https://auth.example.com")])], [])
}

test_empty_env_is_quiet if {
	count(secret_in_env_arg.deny) == 0 with input as doc([env([pair("API_TOKEN", "")])], [])
}

# The names BuildKit's SecretsUsedInArgOrEnv finds, which this rule replaces.
test_key_and_auth_names_fire if {
	every key in ["CHROMA_CSRF_KEY", "ENCRYPTION_KEY", "NPM_AUTH", "SMTP_PWORD", "SIGNING_PASSPHRASE"] {
		some f in secret_in_env_arg.deny with input as doc([env([pair(key, "s3cr3t-value")])], [])
		contains(f.msg, sprintf("ENV %s ", [key]))
	}
}

test_public_and_switch_names_are_quiet if {
	every key in ["GPG_KEY", "JWT_PUBLIC_KEY", "PGP_KEY", "KEY_SERVER", "TOKEN_VERSION", "SSH_KEY_PATH", "AWS_ACCESS_KEY_ID"] {
		count(secret_in_env_arg.deny) == 0 with input as doc([env([pair(key, "A035C8C19219BA821ECEA86B64E628F8D684696D")])], [])
	}
	count(secret_in_env_arg.deny) == 0 with input as doc([env([pair("DISABLE_AUTH", "true"), pair("REQUIRE_TOKEN", "1"), pair("BASIC_AUTH", "false")])], [])
}
