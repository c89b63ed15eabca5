#!/usr/bin/env bash
# newuser.sh: try the repository as a new user would. Clones it (its
# committed HEAD) into an empty temporary directory — nothing beside it, so
# no ../shared corpus — and runs the commands of the README's Quick start
# there, as they are written, timing each. Exit status 0 when every command
# does what the README says.
#
#   scripts/newuser.sh [REPO]       REPO defaults to this repository
#   NEWUSER_COLD=1 scripts/newuser.sh   also with empty Go build and module
#                                   caches, as on a fresh machine (slow)
#   NEWUSER_KEEP=1 ...              keep the clone (its path is printed)
set -euo pipefail

repo="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/golint-docker-newuser.XXXXXX")"
if [ "${NEWUSER_KEEP:-}" != 1 ]; then
  trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fi

git clone --quiet "$repo" "$tmp/golint-docker"
cd "$tmp/golint-docker"
echo "clone of $repo at $(git rev-parse --short HEAD) in $PWD (nothing beside it)"

# Nothing of the developer's environment that changes what the tests do.
while IFS= read -r v; do unset "$v"; done < <(env | sed -n 's/^\(GOLINT_DOCKER_[A-Z_]*\)=.*/\1/p')
unset GOFLAGS GOWORK
if [ "${NEWUSER_COLD:-}" = 1 ]; then
  export GOCACHE="$tmp/gocache" GOMODCACHE="$tmp/gomodcache"
  echo "cold Go caches: $GOCACHE, $GOMODCACHE"
fi

# The Quick start's commands: the lines of the first ```sh block after the
# "## Quick start" heading, without their comments.
mapfile -t commands < <(awk '
  /^## Quick start/ { in_section = 1; next }
  in_section && /^## / { exit }
  in_section && /^```sh/ { in_block = 1; next }
  in_block && /^```/ { exit }
  in_block { sub(/[[:space:]]+#.*$/, ""); if ($0 != "") print }
' README.md)
if [ "${#commands[@]}" -ne 2 ]; then
  echo "newuser: want the README's two Quick start commands, found ${#commands[@]}: ${commands[*]}" >&2
  exit 1
fi

failed=0
for c in "${commands[@]}"; do
  echo
  echo "\$ $c"
  log="$tmp/out.log"
  start=$(date +%s)
  code=0
  bash -c "$c" >"$log" 2>&1 || code=$?
  secs=$(($(date +%s) - start))
  tail -n 15 "$log"
  # A lint exits 1 when it finds problems, as the README says; 2 or a
  # stack trace is a failure. Everything else must exit 0.
  ok=0
  case "$c" in
    *golint-docker*" "*Dockerfile*)
      if [ "$code" -le 1 ] && grep -Eiq '^(no problems found in 1 file|1 file linted: )' "$log" && ! grep -q 'goroutine [0-9]' "$log"; then ok=1; fi
      ;;
    *) if [ "$code" -eq 0 ]; then ok=1; fi ;;
  esac
  if [ "$ok" = 1 ]; then
    echo "newuser: ok in ${secs}s (exit $code): $c"
  else
    echo "newuser: FAILED in ${secs}s (exit $code): $c"
    failed=1
  fi
done
if [ "${NEWUSER_KEEP:-}" = 1 ]; then echo "kept: $tmp"; fi
exit "$failed"
