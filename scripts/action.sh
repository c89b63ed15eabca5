#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), kept here so that they can be
# run and tested under bash (scripts/action_test.go):
#
#   action.sh resolve   which golint-docker to run: the release the action is
#                       pinned to, or a build from source; where it goes, and
#                       its cache key
#   action.sh install   download the release archive and verify its checksum,
#                       or build from source with Go on PATH, isolated from
#                       the caller's Go settings
#   action.sh lint      run it on the inputs' paths in the working directory
#   action.sh summary   write counts per rule and severity and the top
#                       findings to $GITHUB_STEP_SUMMARY
#
# Inputs come from the environment (GD_* variables, set by action.yml from
# the action's inputs and from github/runner contexts); outputs go to
# $GITHUB_OUTPUT as name=value lines.
set -euo pipefail

die() {
  echo "::error title=golint-docker::$*" >&2
  exit 1
}

output() {
  echo "$1=$2" >>"${GITHUB_OUTPUT:-/dev/null}"
}

# sha256_cmd prints SHA-256 sums as sha256sum does: sha256sum on Linux and
# in Git for Windows' bash, shasum on macOS.
if command -v sha256sum >/dev/null; then
  sha256_cmd=(sha256sum)
else
  sha256_cmd=(shasum -a 256)
fi

# sha256 FILE prints the file's SHA-256 in hex.
sha256() {
  "${sha256_cmd[@]}" "$1" | cut -d' ' -f1
}

# A release tag as GoReleaser builds one: vMAJOR.MINOR.PATCH[-pre].
release_tag='^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'

resolve() {
  local os arch version mode ext="" asset=""
  case "${GD_RUNNER_OS:-}" in
    Linux) os=linux ;;
    macOS) os=darwin ;;
    Windows) os=windows ext=.exe ;;
    *) die "unsupported runner.os ${GD_RUNNER_OS:-(unset)}" ;;
  esac
  case "${GD_RUNNER_ARCH:-}" in
    X64) arch=amd64 ;;
    ARM64) arch=arm64 ;;
    *) arch="" ;;
  esac

  # inputs.version wins; else the ref the action is used at, when it is a
  # release tag; else the action's own source.
  version="${GD_VERSION:-}"
  if [ -z "$version" ] && [[ "${GD_ACTION_REF:-}" =~ $release_tag ]]; then
    version="$GD_ACTION_REF"
  fi
  if [ "$version" = source ]; then
    version=""
  fi
  if [ -n "$version" ]; then
    [[ "$version" =~ $release_tag ]] || die "version \"$version\" is not a release tag (vX.Y.Z) or \"source\""
    if [ -z "$arch" ]; then
      echo "::notice title=golint-docker::no release archive for runner.arch ${GD_RUNNER_ARCH:-}: building $version from source"
    fi
  fi
  if [ -n "$version" ] && [ -n "$arch" ]; then
    mode=release
    asset="golint-docker_${version#v}_${os}_${arch}.tar.gz"
    if [ "$os" = windows ]; then
      asset="${asset%.tar.gz}.zip"
    fi
  else
    mode=source
    arch="${arch:-$(printf '%s' "${GD_RUNNER_ARCH:-unknown}" | tr '[:upper:]' '[:lower:]')}"
    version="source-$(source_hash)"
  fi

  local dir="${GD_TOOL_CACHE:-${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:?}}}/golint-docker/$version/$os-$arch"
  output mode "$mode"
  output version "$version"
  output asset "$asset"
  output dir "$dir"
  output bin "$dir/golint-docker$ext"
  output key "golint-docker-$version-$os-$arch"
}

# source_hash identifies the action's source: what a build from it depends on.
source_hash() {
  (
    cd "${GD_ACTION_PATH:?}"
    find go.mod go.sum Makefile cmd pkg policies -type f ! -name '*_test.go' ! -path '*/testdata/*' -print0 |
      LC_ALL=C sort -z | xargs -0 "${sha256_cmd[@]}"
  ) | "${sha256_cmd[@]}" | cut -c1-16
}

install() {
  : "${GD_MODE:?}" "${GD_DIR:?}" "${GD_BIN:?}"
  case "$GD_MODE" in
    release) install_release ;;
    source) install_source ;;
    *) die "unknown install mode $GD_MODE" ;;
  esac
  "$GD_BIN" version >/dev/null || die "the installed $GD_BIN does not run"
  echo "golint-docker: $("$GD_BIN" version)"
}

install_release() {
  : "${GD_ASSET:?}" "${GD_INSTALL_VERSION:?}"
  local base="${GD_DOWNLOAD_URL:-https://github.com/${GD_REPOSITORY:?}/releases/download}/$GD_INSTALL_VERSION"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  echo "Downloading $base/$GD_ASSET"
  fetch "$base/checksums.txt" "$tmp/checksums.txt"
  fetch "$base/$GD_ASSET" "$tmp/$GD_ASSET"
  local want got
  want="$(awk -v a="$GD_ASSET" '$2 == a || $2 == "*" a { print $1; exit }' "$tmp/checksums.txt")"
  [ -n "$want" ] || die "checksums.txt of $GD_INSTALL_VERSION lists no $GD_ASSET"
  got="$(sha256 "$tmp/$GD_ASSET")"
  if [ "$got" != "$want" ]; then
    die "checksum mismatch for $GD_ASSET: got $got, checksums.txt says $want; not installed"
  fi
  mkdir -p "$tmp/x"
  case "$GD_ASSET" in
    *.zip)
      if command -v unzip >/dev/null; then
        unzip -q "$tmp/$GD_ASSET" -d "$tmp/x"
      else
        7z x -o"$tmp/x" "$tmp/$GD_ASSET" >/dev/null
      fi
      ;;
    *) tar -xzf "$tmp/$GD_ASSET" -C "$tmp/x" ;;
  esac
  local name
  name="$(basename "$GD_BIN")"
  [ -f "$tmp/x/$name" ] || die "$GD_ASSET holds no $name"
  mkdir -p "$GD_DIR"
  mv "$tmp/x/$name" "$GD_BIN"
  chmod +x "$GD_BIN"
}

fetch() {
  curl -fsSL --retry 3 --retry-delay 2 -o "$2" "$1" || die "could not download $1"
}

# install_source builds the action's own source with the go on PATH. Only
# what the build needs is set, and set explicitly: the caller's GOFLAGS,
# GOPROXY, GOOS/GOARCH, go.work or `go env -w` settings do not apply, and
# GOTOOLCHAIN=auto fetches the Go release go.mod asks for through the module
# proxy without touching the Go installed for the rest of the job.
install_source() {
  command -v go >/dev/null || die "golint-docker at ${GD_ACTION_REF:-this ref} is not a release: building it from source needs Go on PATH (actions/setup-go before this step), or pin the action to a release tag"
  local root="${GD_ACTION_PATH:?}" var
  var="$(sed -n 's/^VERSION_VAR[[:space:]]*:=[[:space:]]*//p' "$root/Makefile")"
  [ -n "$var" ] || die "no VERSION_VAR in $root/Makefile"
  mkdir -p "$GD_DIR"
  echo "Building golint-docker from source (${GD_ACTION_REF:-local})"
  (
    cd "$root"
    env -u GOOS -u GOARCH -u GOEXPERIMENT -u GOAMD64 -u GOARM64 -u GOARM -u GO386 -u CC -u CGO_CFLAGS -u CGO_LDFLAGS \
      GOENV=off GOFLAGS="-mod=readonly -buildvcs=false" GOWORK=off GO111MODULE=on GOTOOLCHAIN=auto \
      GOPROXY=https://proxy.golang.org,direct GOSUMDB=sum.golang.org \
      GONOSUMDB= GONOPROXY= GOPRIVATE= GOINSECURE= GONOSUMCHECK= GONOSUMVERIFY= \
      CGO_ENABLED=0 \
      go build -trimpath -ldflags "-s -w -X $var=${GD_ACTION_REF:-source}" -o "$GD_BIN" ./cmd/golint-docker
  ) || die "go build failed"
}

lint() {
  : "${GD_BIN:?}"
  local report="${RUNNER_TEMP:?}/golint-docker-report.json"
  cd "${GD_WORKING_DIRECTORY:-.}" || die "working-directory ${GD_WORKING_DIRECTORY} does not exist"
  local paths="${GD_PATHS:-}"
  if [ -z "${paths//[[:space:]]/}" ]; then
    # The Dockerfile here, else every Dockerfile of the tree.
    if [ -f Dockerfile ]; then paths=Dockerfile; else paths=.; fi
  fi
  local args=(--failure-threshold "${GD_THRESHOLD:-warning}" --format "${GD_FORMAT:-github}" --output -)
  if [ -n "${GD_SARIF:-}" ]; then
    args+=(--format sarif --output "$GD_SARIF")
    local sarif="$GD_SARIF"
    case "$sarif" in
      /* | [A-Za-z]:*) ;;
      *) [ "${GD_WORKING_DIRECTORY:-.}" = . ] || sarif="${GD_WORKING_DIRECTORY%/}/$sarif" ;;
    esac
    output sarif-file "$sarif"
  fi
  args+=(--format json --output "$report")
  if [ -n "${GD_CONFIG:-}" ]; then args+=(--config "$GD_CONFIG"); fi
  if [ -n "${GD_TARGET:-}" ]; then args+=(--target "$GD_TARGET"); fi
  local p a
  for p in ${GD_POLICY:-}; do args+=(--policy "$p"); done
  for a in ${GD_BUILD_ARGS:-}; do args+=(--build-arg "$a"); done
  output report "$report"
  local code=0
  # shellcheck disable=SC2086 # paths are split on white space on purpose
  "$GD_BIN" "${args[@]}" $paths || code=$?
  output exit-code "$code"
  return "$code"
}

summary() {
  local report="${GD_REPORT:-}" out="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
  if [ -z "$report" ] || [ ! -s "$report" ]; then
    echo "golint-docker: no report, no summary"
    return 0
  fi
  if ! command -v jq >/dev/null; then
    echo "::notice title=golint-docker::jq is not installed: no job summary"
    return 0
  fi
  jq -r --argjson top "${GD_SUMMARY_TOP:-20}" '
    def cell: tostring | gsub("\\|"; "\\|") | gsub("[\r\n]+"; " ");
    def rank: {"error": 0, "warning": 1, "info": 2}[.severity] // 3;
    [.files[].findings[]] as $all
    | .summary as $s
    | "### golint-docker",
      "",
      "\($s.files) file\(if $s.files == 1 then "" else "s" end) linted: **\($s.errors)** errors, **\($s.warnings)** warnings, **\($s.infos)** infos\(if $s.failed > 0 then ", \($s.failed) could not be linted" else "" end).",
      "",
      (if ($all | length) > 0 then
        "| rule | severity | findings |",
        "|---|---|---:|",
        ($all | group_by([rank, .rule_id]) | .[]
          | "| \(.[0].rule_id) \(.[0].rule_name | cell) | \(.[0].severity) | \(length) |"),
        "",
        "#### Top findings",
        "",
        "| severity | where | rule | message |",
        "|---|---|---|---|",
        ($all | sort_by(rank, .file, .line) | .[:$top][]
          | "| \(.severity) | `\(.file | cell):\(.line)` | \(.rule_id) | \(.message | cell) |"),
        (if ($all | length) > $top then "", "… and \(($all | length) - $top) more." else empty end)
      else "No findings." end),
      ([.files[] | select(.error != null)] as $bad
        | if ($bad | length) > 0 then
            "",
            "#### Files that could not be linted",
            "",
            ($bad[] | "- `\(.file | cell)\(if .error.line > 0 then ":\(.error.line)" else "" end)`: \(.error.message | cell)")
          else empty end)
  ' "$report" >>"$out" || echo "::notice title=golint-docker::could not read $report: no job summary"
}

case "${1:-}" in
  resolve | install | lint | summary) "$1" ;;
  *)
    echo "usage: $0 resolve|install|lint|summary" >&2
    exit 2
    ;;
esac
