#!/usr/bin/env bash
# The analysis endpoints at 100,000 runs in NYUv2 (perf/load-100k-runs.sql), for one build or several
# compared (say, main before a change and after it): each build in turn, ROUNDS times, on a fresh copy
# of the same database:
#  1. the leaderboard read once (the board built, as in perf/run-all.sh), then every analysis endpoint,
#     its first request and the next (answered from AnalysisCache);
#  2. a withdrawal (DELETE /api/runs/{id}), then every endpoint again, first and next;
#  3. every endpoint alone after a withdrawal of its own (3 s later, past the version poll): no other
#     analysis was computed at that data version.
# Per request: wall time (curl) and the portal's CPU time (utime + stime of the whole process, the JIT
# compiler and GC included, 10 ms ticks); the load average beside. Answers of every build are compared
# byte for byte with those of the first build.
# Writes perf/results/analysis-100k-<date>.txt.
# Usage: perf/analysis-100k.sh <quarkus-app dir> [<quarkus-app dir> ...]   (ROUNDS=2, PORT=18144)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 <quarkus-app dir> [<quarkus-app dir> ...]" >&2; exit 2; }
port=${PORT:-18144}
admin=perf-admin-token
work=$(mktemp -d)
out="perf/results/analysis-100k-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results
endpoints=(ranking-similarity levels optimizers gradients robustness feature-disentanglement)
load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { echo "$*" | tee -a "$out"; }

portal=
start_portal() {  # $1 app dir, $2 data dir
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use" >&2; exit 1; fi
  MTLBOARD_SUBMISSION_ADMIN_TOKEN=$admin java -Dmtlboard.data-dir="$2" -Dquarkus.http.port=$port \
    -jar "$1/quarkus-run.jar" > "$2.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 3000); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return
    sleep 0.1
  done
  echo "portal did not start" >&2; tail -50 "$2.log" >&2; exit 1
}
stop_portal() { kill "$portal"; wait "$portal" 2>/dev/null || true; portal=; sleep 1; }
cleanup() { [ -n "${portal:-}" ] && kill "$portal" 2>/dev/null || true; }
trap cleanup EXIT
cpu() { awk '{print $14 + $15}' "/proc/$portal/stat"; }
request() {  # $1 path, $2 body file: "<wall> s (cpu <ms> ms)"
  local c0 c1 w
  c0=$(cpu)
  w=$(curl -s -o "$2" -w '%{time_total}' "http://127.0.0.1:$port$1")
  c1=$(cpu)
  echo "$w s (cpu $(((c1 - c0) * 10)) ms)"
}

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD)"
  for app in "$@"; do echo "build: $app"; done
} | tee "$out"

pristine=$work/pristine
start_portal "$1" "$pristine"; stop_portal
h2=$(ls "$1"/lib/main/com.h2database.h2-*.jar)
java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$pristine/mtlboard" -user sa \
  -script perf/load-100k-runs.sql

for round in $(seq 1 "${ROUNDS:-2}"); do
  b=0
  for app in "$@"; do
    b=$((b + 1))
    data=$work/data
    rm -rf "$data"; cp -r "$pristine" "$data"
    answers=$work/answers-$b
    mkdir -p "$answers"
    start_portal "$app" "$data"
    say ""
    say "== round $round, build $b ($app)"
    say "leaderboard first: $(request /api/leaderboards/nyuv2 /dev/null) (load $(load))"
    sleep 8
    for a in "${endpoints[@]}"; do
      r=$(request "/api/analysis/$a?benchmark=nyuv2" "$answers/$a.json")
      r2=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/analysis/$a?benchmark=nyuv2")
      say "$a: first $r, next $r2 s (load $(load))"
    done
    curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/api/runs/10000011"
    for a in "${endpoints[@]}"; do
      r=$(request "/api/analysis/$a?benchmark=nyuv2" "$answers/after-$a.json")
      r2=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/analysis/$a?benchmark=nyuv2")
      say "after a withdrawal, $a: first $r, next $r2 s (load $(load))"
    done
    sleep 3
    victim=10000013
    for a in "${endpoints[@]}"; do
      curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/api/runs/$victim"
      victim=$((victim + 2))
      sleep 3
      say "alone after a withdrawal of its own, $a: $(request "/api/analysis/$a?benchmark=nyuv2" /dev/null) (load $(load))"
    done
    stop_portal
    if [ "$b" -gt 1 ]; then
      if diff -rq "$work/answers-1" "$answers" >/dev/null; then
        say "answers: byte for byte those of build 1"
      else
        say "answers: DIFFERENT from build 1: $(diff -rq "$work/answers-1" "$answers" | tr '\n' ';')"
      fi
    fi
  done
done
say ""
say "written to $out"
