#!/usr/bin/env bash
# Lists golint-docker's own findings on the corpus, rule by rule, with the
# line each points at, for reading them (docs/accuracy.md says how).
#
#   scripts/findings-by-rule.sh [RULE] [FILES...]
#
# RULE (a rule name or id) limits the list to one rule; FILES default to
# ../shared/corpus/files/*. GOLINT_DOCKER names the binary to use (default:
# go run ./cmd/golint-docker). Needs jq.
set -euo pipefail
cd "$(dirname "$0")/.."
rule=${1:-}
shift || true
if [ $# -eq 0 ]; then
	if [ ! -d ../shared/corpus/files ]; then
		echo "findings-by-rule: ../shared/corpus/files is not there; name the files to lint" >&2
		exit 2
	fi
	set -- ../shared/corpus/files/*
fi
bin=${GOLINT_DOCKER:-}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/golint-docker
	go build -o "$bin" ./cmd/golint-docker
fi
# Some corpus files do not parse (exit code 2): they are reported, not fatal.
"$bin" --buildkit-checks=false --failure-threshold none --format json "$@" >"${TMPDIR:-/tmp}/findings-by-rule.json" || [ $? -le 2 ]
jq -r --arg rule "$rule" '
  [.files[] | .findings[]? | select($rule == "" or .rule_name == $rule or .rule_id == $rule)]
  | group_by(.rule_name)[]
  | "== \(.[0].rule_name) (\(.[0].rule_id)): \(length) findings",
    (.[] | "\(.file):\(.line): [\(.severity)] \(.message)\n    fix: \(.fix)")
' "${TMPDIR:-/tmp}/findings-by-rule.json"
