# METADATA
# title: Secret in ENV or ARG
# description: |
#   ENV values are stored in the image config: anyone who can pull the image
#   reads them with `docker inspect`, in every layer built on it. ARG values
#   are not in the config, but every RUN that sees them records them in the
#   build history (`docker history`) and in provenance attestations, and a
#   default is committed with the Dockerfile. Build secrets belong in
#   `RUN --mount=type=secret`, which is never stored in the image.
#   BuildKit's SecretsUsedInArgOrEnv check looks for the same names; it is
#   not reported beside this rule (it also takes public values such as
#   ENV GPG_KEY, a key fingerprint, for secrets).
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#secret-in-env-arg
# custom:
#   id: GD025
#   severity: error
#   guide: "3"
#   since: 0.1.0
#   fix: Pass the secret with RUN --mount=type=secret,id=NAME,env=NAME and docker build --secret id=NAME,env=NAME instead of ENV or ARG.
#   bad: |
#     ARG GITHUB_TOKEN
#     RUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download
#   good: |
#     RUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN \
#         git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download
package golintdocker.rules.secret_in_env_arg

import data.golintdocker.lib.instructions

secrets := data.golintdocker.secrets

secret_name(key) if {
	regex.match(name_pattern, key)
	not regex.match(allowed_pattern, key)
}

# Each list of patterns as one regular expression (built once per query):
# one match per name instead of one per pattern. Undefined for an empty
# list, which matches no name.
name_pattern := any_of(secrets.name_patterns)

allowed_pattern := any_of(secrets.allowed_patterns)

any_of(patterns) := concat("|", [sprintf("(?:%s)", [p]) | some p in patterns]) if count(patterns) > 0

# ENV with a value, or a value taken from a build argument ($TOKEN), which is
# the secret itself once --build-arg sets it.
deny contains finding if {
	some [_, _, _, i] in instructions.by_cmd.env
	some p in i.pairs
	secret_name(p.key)
	env_set(p)
	finding := {
		"msg": sprintf("ENV %s on line %d puts a secret in the image config: anyone who can pull the image reads it with `docker inspect`", [p.key, i.line]),
		"line": i.line,
		"end_line": i.end_line,
		"severity": "error",
		"fix": sprintf("Remove %s from ENV. If the build needs it, use `RUN --mount=type=secret,id=%s,env=%s ...` with `docker build --secret id=%s,env=%s`; if the program needs it at run time, pass it when the container starts (docker run -e, a Kubernetes Secret).", [p.key, p.key, p.key, p.key, p.key]),
	}
}

env_set(p) if {
	p.value != null
	p.value != ""
	not switch_value(p.value)
}

# ENV DISABLE_AUTH=true sets a switch, not a secret.
switch_value(v) if lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1"}

env_set(p) if contains(object.get(p, "raw", ""), "$")

default_of(p) := p.raw if p.raw != null

else := null

# The ARGs with a secret's name (args, filtered before building objects).
secret_args contains {"key": p.key, "default": default_of(p), "line": i.line, "end_line": i.end_line} if {
	some [_, _, _, i] in instructions.by_cmd.arg
	some p in i.pairs
	secret_name(p.key)
}

secret_args contains {"key": a.name, "default": a.default, "line": a.line, "end_line": a.end_line} if {
	some a in input.args
	secret_name(a.name)
}

deny contains finding if {
	some a in secret_args
	has_default(a)
	finding := {
		"msg": sprintf("ARG %s on line %d has a default in the Dockerfile: the secret is committed with it and recorded in the build history of every RUN that uses it", [a.key, a.line]),
		"line": a.line,
		"end_line": a.end_line,
		"severity": "error",
		"fix": fix(a.key),
	}
}

deny contains finding if {
	some a in secret_args
	not has_default(a)
	finding := {
		"msg": sprintf("ARG %s on line %d passes a secret as a build argument: its value is recorded in the build history (`docker history`) and provenance of every RUN that uses it", [a.key, a.line]),
		"line": a.line,
		"end_line": a.end_line,
		"severity": "warning",
		"fix": fix(a.key),
	}
}

# ARG TOKEN="" is no default.
has_default(a) if not a.default in {null, "", `""`, "''"}

fix(key) := sprintf("Remove ARG %s and mount the secret where it is used: `RUN --mount=type=secret,id=%s,env=%s ...`, built with `docker build --secret id=%s,env=%s`.", [key, key, key, key, key])
