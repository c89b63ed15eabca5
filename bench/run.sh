#!/usr/bin/env bash
# make bench: golint-docker against public baselines, measured in the same
# run, medians. Needs hyperfine and GNU time (/usr/bin/time); PEERS=1 also
# installs conftest from the Go module proxy into the cache and adds it.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${BENCH_CACHE:-$PWD/.cache/bench}
files_wanted=${BENCH_FILES:-10000}
runs=${BENCH_RUNS:-20}
mkdir -p "$cache/bin"
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "make bench needs $tool (apt-get install -y hyperfine time)" >&2; exit 2; }
done

echo "== building"
go build -trimpath -ldflags "-s -w" -o "$cache/bin/golint-docker" ./cmd/golint-docker
go build -tags bench -trimpath -ldflags "-s -w" -o "$cache/bin/hello" ./bench/hello
go build -tags bench -trimpath -ldflags "-s -w" -o "$cache/bin/parseonly" ./bench/parseonly
if [ "${PEERS:-0}" = 1 ] && [ ! -x "$cache/bin/conftest" ]; then
  echo "== installing conftest v0.71.1 (minutes, once)"
  GOBIN="$cache/bin" go install github.com/open-policy-agent/conftest@v0.71.1
fi
gd="$cache/bin/golint-docker"
size=$(stat -c %s "$gd")

# The many-files set: the corpus files BuildKit parses, copied until there
# are at least $files_wanted, each named NAME.Dockerfile so that a directory
# walk (golint-docker's, parse-only's) finds every one, as conftest is given
# every one.
set_dir="$cache/files"
count() { find "$set_dir" -type f -name '*.Dockerfile' | wc -l; }
if [ ! -d "$set_dir" ] || [ "$(count)" -lt "$files_wanted" ]; then
  rm -rf "$set_dir"; mkdir -p "$set_dir/src"
  for f in ../shared/corpus/files/*; do
    if "$gd" input "$f" >/dev/null 2>&1; then cp "$f" "$set_dir/src/$(basename "$f").Dockerfile"; fi
  done
  copy=0
  while [ "$(count)" -lt $((files_wanted + $(ls "$set_dir/src" | wc -l))) ]; do
    cp -r "$set_dir/src" "$set_dir/c$copy"
    copy=$((copy+1))
  done
  rm -rf "$set_dir/src"
fi
nfiles=$(count)
one=testdata/clean/Dockerfile

echo "== cold start, one file ($runs runs)"
hf=(hyperfine -N --warmup 3 --runs "$runs" --export-json "$cache/cold.json" -i
    -n hello "$cache/bin/hello"
    -n golint-docker "$gd --format json --output /dev/null $one")
if [ -x "$cache/bin/conftest" ]; then
  hf+=(-n conftest "$cache/bin/conftest test --parser dockerfile -p bench/conftest/policy $one")
fi
"${hf[@]}" >/dev/null
median() { python3 -c "import json,sys; d=json.load(open('$cache/cold.json')); print([r['median'] for r in d['results'] if r['command']=='$1'][0])"; }

echo "== many files: $nfiles Dockerfiles"
measure() { # name, command...: prints seconds and peak KB of the median of 3 runs
  local name=$1; shift
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$cache/time.$name.$i" "$@" >/dev/null 2>&1 || true
  done
  sort -n "$cache"/time."$name".* | sed -n 2p
}
read -r t_parse m_parse <<<"$(measure parse "$cache/bin/parseonly" "$set_dir")"
read -r t_gd m_gd <<<"$(measure gd "$gd" --failure-threshold none --format json --output /dev/null "$set_dir")"
read -r t_nobk m_nobk <<<"$(measure nobk "$gd" --buildkit-checks=false --failure-threshold none --format json --output /dev/null "$set_dir")"
t_cf=""; m_cf=""
if [ -x "$cache/bin/conftest" ]; then
  mapfile -t list < <(find "$set_dir" -type f -name '*Dockerfile*' | sort)
  read -r t_cf m_cf <<<"$(measure conftest "$cache/bin/conftest" test --no-fail --parser dockerfile -p bench/conftest/policy "${list[@]}")"
fi

python3 - "$cache/cold.json" "$nfiles" "$size" "$t_parse" "$m_parse" "$t_gd" "$m_gd" "$t_cf" "$m_cf" "$t_nobk" "$m_nobk" <<'PY'
import json, sys
cold, n, size, tp, mp, tg, mg, tc, mc, tn, mn = sys.argv[1:]
n = int(n)
res = {r["command"]: r for r in json.load(open(cold))["results"]}
def ms(name): return res[name]["median"] * 1000
print()
print("machine: %s, %s cores" % (open("/proc/cpuinfo").read().split("model name")[1].split(":")[1].split("\n")[0].strip(), __import__("os").cpu_count()))
print("golint-docker binary: %.1f MB" % (int(size) / 1e6))
print()
print("| measure | golint-docker | baseline | ratio | target |")
print("|---|---|---|---|---|")
print("| one file, cold (median ms) | %.1f | hello %.1f | %.2f× | ≤ 1.5× |" % (ms("golint-docker"), ms("hello"), ms("golint-docker") / ms("hello")))
if "conftest" in res:
    print("| one file, cold (median ms) | %.1f | conftest %.1f | %.2f× | ≤ 0.5× |" % (ms("golint-docker"), ms("conftest"), ms("golint-docker") / ms("conftest")))
tg, tp = float(tg), float(tp)
print("| %d files (s) | %.2f (%.0f files/s) | parse-only %.2f (%.0f files/s) | %.2f× the time | ≤ 2× |" % (n, tg, n / tg, tp, n / tp, tg / tp))
tn = float(tn)
print("| %d files, --buildkit-checks=false (s) | %.2f (%.0f files/s) | parse-only %.2f | %.2f× the time | |" % (n, tn, n / tn, tp, tn / tp))
if tc:
    tc = float(tc)
    print("| %d files (s) | %.2f | conftest %.2f (%.0f files/s) | %.2f× the throughput | ≥ 3× |" % (n, tg, tc, n / tc, tc / tg))
print("| peak memory, %d files (MiB) | %.1f (%.1f without BuildKit's checks) | parse-only %.1f | | ≤ 64 |" % (n, int(mg) / 1024, int(mn) / 1024, int(mp) / 1024))
if mc:
    print("| peak memory, %d files (MiB) | %.1f | conftest %.1f | | |" % (n, int(mg) / 1024, int(mc) / 1024))
PY
