#!/usr/bin/env bash
# make bench: golint-docker against public baselines, measured in the same
# run, medians. Needs hyperfine and GNU time (/usr/bin/time); PEERS=1 also
# installs conftest from the Go module proxy into the cache and adds it.
#
# Rows (issue 11's "Done when"): one file cold, cache miss and cache hit;
# 10,080 unique files (each copy of a corpus file gets a comment line of its
# own, so neither the cache nor the in-run deduplication can help), first
# run (an empty cache) and second run (the cache full), with peak memory;
# the same without the cache, without BuildKit's checks, and under a soft
# memory limit (the GC trade-off); generated 1 MiB and 5 MiB Dockerfiles.
# The machine's load is printed before and after: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${BENCH_CACHE:-$PWD/.cache/bench}
files_wanted=${BENCH_FILES:-10080}
runs=${BENCH_RUNS:-20}
reps=${BENCH_REPS:-3} # runs of each many-files command; the median is kept
mkdir -p "$cache/bin"
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "make bench needs $tool (apt-get install -y hyperfine time python3)" >&2; exit 2; }
done
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== building"
# Static, as released (.goreleaser.yaml): what users start.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$cache/bin/golint-docker" ./cmd/golint-docker
for p in hello parseonly bigfile; do
  go build -tags bench -trimpath -ldflags "-s -w" -o "$cache/bin/$p" "./bench/$p"
done
if [ "${PEERS:-0}" = 1 ] && [ ! -x "$cache/bin/conftest" ]; then
  echo "== installing conftest v0.71.1 (minutes, once)"
  GOBIN="$cache/bin" go install github.com/open-policy-agent/conftest@v0.71.1
fi
gd="$cache/bin/golint-docker"
size=$(stat -c %s "$gd")

# The many-files set: the corpus files BuildKit parses, copied until there
# are $files_wanted, each copy with a comment line of its own (the same
# findings, other bytes), named NAME.Dockerfile so that a directory walk
# (golint-docker's, parse-only's) finds every one, as conftest is given
# every one.
set_dir="$cache/unique-$files_wanted"
count() { find "$set_dir" -type f -name '*.Dockerfile' | wc -l; }
if [ ! -d "$set_dir" ] || [ "$(count)" -ne "$files_wanted" ]; then
  echo "== writing $files_wanted unique Dockerfiles"
  rm -rf "$set_dir"; mkdir -p "$set_dir"
  src=()
  for f in ../shared/corpus/files/*; do
    if "$gd" input "$f" >/dev/null 2>&1; then src+=("$f"); fi
  done
  n=0; copy=0
  while [ "$n" -lt "$files_wanted" ]; do
    mkdir -p "$set_dir/c$copy"
    for f in "${src[@]}"; do
      [ "$n" -lt "$files_wanted" ] || break
      { cat "$f"; printf '\n# golint-docker benchmark copy %d\n' "$copy"; } > "$set_dir/c$copy/$(basename "$f").Dockerfile"
      n=$((n+1))
    done
    copy=$((copy+1))
  done
fi
nfiles=$(count)
one=testdata/clean/Dockerfile
big1="$cache/big-1MiB.Dockerfile"; big5="$cache/big-5MiB.Dockerfile"
# Just under the sizes, so that the 5 MiB file is within --max-file-size.
"$cache/bin/bigfile" $(( (1<<20) - 4096 )) > "$big1"
"$cache/bin/bigfile" $(( (5<<20) - 4096 )) > "$big5"

echo "== cold start, one file ($runs runs each)"
cold_cache="$cache/cache-cold"
rm -rf "$cold_cache"; "$gd" --cache-dir "$cold_cache" --format json --output /dev/null "$one" 2>/dev/null || true
hf=(hyperfine -N --warmup 3 --runs "$runs" --export-json "$cache/cold.json" -i
    -n hello "$cache/bin/hello"
    -n miss --prepare "rm -rf $cache/cache-miss" "$gd --cache-dir $cache/cache-miss --format json --output /dev/null $one"
    -n hit "$gd --cache-dir $cold_cache --format json --output /dev/null $one"
    -n no-cache "$gd --no-cache --format json --output /dev/null $one")
if [ -x "$cache/bin/conftest" ]; then
  hf+=(-n conftest "$cache/bin/conftest test --parser dockerfile -p bench/conftest/policy $one")
fi
"${hf[@]}" >/dev/null

echo "== many files: $nfiles unique Dockerfiles, $reps runs each"
# measure NAME PREPARE COMMAND...: the median of $reps runs (PREPARE, a
# shell command, runs before each) as "seconds peak-KB".
measure() {
  local name=$1 prepare=$2; shift 2
  for i in $(seq "$reps"); do
    bash -c "$prepare"
    /usr/bin/time -f "%e %M" -o "$cache/time.$name.$i" "$@" >/dev/null 2>&1 || true
  done
  sort -n "$cache"/time."$name".* | sed -n "$(( (reps+1)/2 ))p"
  rm -f "$cache"/time."$name".*
}
many="$cache/cache-many"
lint=("$gd" --failure-threshold none --format json --output /dev/null)
read -r t_parse m_parse <<<"$(measure parse true "$cache/bin/parseonly" "$set_dir")"
read -r t_first m_first <<<"$(measure first "rm -rf $many" "${lint[@]}" --cache-dir "$many" "$set_dir")"
read -r t_second m_second <<<"$(measure second true "${lint[@]}" --cache-dir "$many" "$set_dir")"
read -r t_nocache m_nocache <<<"$(measure nocache true "${lint[@]}" --no-cache "$set_dir")"
read -r t_nobk m_nobk <<<"$(measure nobk true "${lint[@]}" --no-cache --buildkit-checks=false "$set_dir")"
read -r t_lim m_lim <<<"$(measure limit true env GOMEMLIMIT=32MiB "${lint[@]}" --no-cache "$set_dir")"
t_cf=""; m_cf=""
if [ -x "$cache/bin/conftest" ]; then
  mapfile -t list < <(find "$set_dir" -type f -name '*.Dockerfile' | sort)
  read -r t_cf m_cf <<<"$(measure conftest true "$cache/bin/conftest" test --no-fail --parser dockerfile -p bench/conftest/policy "${list[@]}")"
fi

echo "== large files"
reps=1
read -r t_big1 m_big1 <<<"$(measure big1 true "${lint[@]}" --no-cache "$big1")"
read -r t_big5 m_big5 <<<"$(measure big5 true "${lint[@]}" --no-cache "$big5")"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$cache/cold.json" "$nfiles" "$size" "$load_before" "$load_after" \
  "$t_parse $m_parse" "$t_first $m_first" "$t_second $m_second" "$t_nocache $m_nocache" \
  "$t_nobk $m_nobk" "$t_lim $m_lim" "$t_cf $m_cf" "$t_big1 $m_big1" "$t_big5 $m_big5" <<'PY'
import json, os, sys
cold, n, size, lb, la = sys.argv[1:6]
n = int(n)
def tm(s):
    p = s.split()
    return (float(p[0]), int(p[1]) / 1024) if len(p) == 2 else (None, None)
parse, first, second, nocache, nobk, lim, cf, big1, big5 = map(tm, sys.argv[6:])
res = {r["command"]: r for r in json.load(open(cold))["results"]}
def ms(name): return res[name]["median"] * 1000
cpu = open("/proc/cpuinfo").read().split("model name")[1].split(":")[1].split("\n")[0].strip()
print()
print("machine: %s, %d cores; load %s before, %s after (1, 5, 15 min)" % (cpu, os.cpu_count(), lb, la))
print("golint-docker binary: %.1f MB" % (int(size) / 1e6))
print()
print("| measure | golint-docker | baseline | ratio | target | met |")
print("|---|---|---|---|---|---|")
def row(measure, gd, base, ratio, target, met):
    print("| %s | %s | %s | %s | %s | %s |" % (measure, gd, base, ratio, target, met))
yes = lambda ok: "yes" if ok else "no"
print_hello = "hello %.1f" % ms("hello")
row("one file, cold, no cache (ms)", "%.1f" % ms("no-cache"), print_hello, "%.1f×" % (ms("no-cache") / ms("hello")), "", "")
if "conftest" in res:
    c = ms("conftest")
    row("one file, cold, cache miss (ms)", "%.1f" % ms("miss"), "conftest %.1f" % c, "%.2f×" % (ms("miss") / c), "≤ 1.0×", yes(ms("miss") <= c))
    row("one file, cold, cache hit (ms)", "%.1f" % ms("hit"), "conftest %.1f" % c, "%.2f×" % (ms("hit") / c), "≤ 0.5×", yes(ms("hit") <= 0.5 * c))
else:
    row("one file, cold, cache miss (ms)", "%.1f" % ms("miss"), print_hello, "", "", "")
    row("one file, cold, cache hit (ms)", "%.1f" % ms("hit"), print_hello, "", "", "")
def files(label, t, base=None, target=None, factor=None):
    gd = "%.2f (%.0f files/s)" % (t, n / t)
    if base is None:
        row(label, gd, "parse-only %.2f" % parse[0], "%.1f× the time" % (t / parse[0]), "", "")
    else:
        thr = base / t
        row(label, gd, "conftest %.2f (%.0f files/s)" % (base, n / base), "%.2f× the throughput" % thr, target, yes(thr >= factor))
if cf[0]:
    files("%d unique files, first run (s)" % n, first[0], cf[0], "≥ 1.0×", 1.0)
    files("%d unique files, second run (s)" % n, second[0], cf[0], "≥ 3×", 3.0)
else:
    files("%d unique files, first run (s)" % n, first[0])
    files("%d unique files, second run (s)" % n, second[0])
files("%d files, --no-cache (s)" % n, nocache[0])
files("%d files, --no-cache --buildkit-checks=false (s)" % n, nobk[0])
files("%d files, --no-cache, GOMEMLIMIT=32MiB (s)" % n, lim[0])
row("peak memory, %d files, first run (MiB)" % n, "%.1f" % first[1], "parse-only %.1f" % parse[1] + (", conftest %.1f" % cf[1] if cf[1] else ""), "", "≤ 64", yes(first[1] <= 64))
row("peak memory, second run / --no-cache / GOMEMLIMIT=32MiB (MiB)", "%.1f / %.1f / %.1f" % (second[1], nocache[1], lim[1]), "", "", "", "")
row("1 MiB generated Dockerfile (s, MiB)", "%.1f s, %.0f MiB" % big1, "", "", "", "")
row("5 MiB generated Dockerfile (s, MiB)", "%.1f s, %.0f MiB" % big5, "", "", "≤ 500 MiB", yes(big5[1] <= 500))
PY
