#!/usr/bin/env bash
# Measures the figures of the performance targets in one run and writes perf/results/run-all-<date>.txt:
#  1. pages vs nginx: with 10,000 runs (perf/load-10k-runs.sql), wrk -t2 -c64 on the leaderboard JSON, the
#     leaderboard page, the benchmark page, the home page and an analysis page, each against nginx serving
#     the identical bytes as a static file in the same run (ratio of requests/s, p99 of both);
#  2. start-up to ready with an existing database (10,000 runs, then 100,000 runs), median of 3 starts;
#     at 10,000 runs also with the C2 compiler off and with C2's thresholds raised tenfold, each with
#     the leaderboard JSON against nginx again;
#  3. with 100,000 runs in NYUv2 (perf/load-100k-runs.sql): first leaderboard request after start, the
#     next, the leaderboard page, a withdrawal (DELETE /api/runs/{id}) and the first read after it
#     (the run must be gone), analysis endpoints, resident memory after those requests.
# The machine's load average is written beside each measurement.
# Usage: perf/run-all.sh [wrk duration, default 15s]   (needs wrk and nginx)
#        PART=100k perf/run-all.sh   only part 3 (100,000 runs, without the start-up medians), no nginx
#        PART=verdict perf/run-all.sh  only submission → verdict and evaluate vs PyTorch-Python
#                                    (perf/verdict-and-eval.sh 5, which the whole run also ends with)
#        WITH_PG1M=1 perf/run-all.sh  the whole run, then perf/pg-1m.sh as well
#        PART=pg1m perf/run-all.sh   only 1,000,000 runs on PostgreSQL: runs perf/pg-1m.sh with the wrk
#                                    duration (needs PostgreSQL on 127.0.0.1:5432; writes pg-1m-<date>.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15s}
if [ "${PART:-all}" = pg1m ]; then
  exec perf/pg-1m.sh "$duration"
fi
if [ "${PART:-all}" = verdict ]; then
  exec perf/verdict-and-eval.sh 5
fi
work=$(mktemp -d)
port=18141
nginx_port=18191
admin=perf-admin-token
out="perf/results/run-all-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
h2=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar)
load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { echo "$*" | tee -a "$out"; }

portal=
started_in=
start_portal() {  # $1 data dir; sets portal (pid) and started_in (seconds from exec to ready)
  local t0 t1
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use" >&2; exit 1; fi
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  MTLBOARD_SUBMISSION_ADMIN_TOKEN=$admin java ${JVM_OPTS:-} -Dmtlboard.data-dir="$1" -Dquarkus.http.port=$port \
    -jar target/quarkus-app/quarkus-run.jar > "$1.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 3000); do
    if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; then
      t1=$(date +%s.%N); started_in=$(echo "$t1 - $t0" | bc); return
    fi
    sleep 0.05
  done
  echo "portal did not start" >&2; tail -50 "$1.log" >&2; exit 1
}
stop_portal() { kill "$portal"; wait "$portal" 2>/dev/null || true; portal=; sleep 1; }
cleanup() {
  [ -n "${portal:-}" ] && kill "$portal" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

median_start() {  # $1 data dir: three starts, median seconds
  local times=()
  for _ in 1 2 3; do start_portal "$1"; times+=("$started_in"); stop_portal; done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

median_start_out() {  # in a subshell: starts and stops its own portals
  median_start "$1"
}

with_runs() {  # $1 data dir, $2 sql script
  start_portal "$1"; stop_portal
  java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$1/mtlboard" -user sa -script "$2"
}

wrk_line() {  # $1 url: "req/s p50 p99"
  local r
  r=$(wrk -t2 -c64 -d"$duration" --latency "$1")
  echo "$(echo "$r" | awk '/Requests\/sec/ {print $2}') $(echo "$r" | awk '$1=="50%" {print $2}') $(echo "$r" | awk '$1=="99%" {print $2}') $(echo "$r" | grep -c 'Non-2xx\|Socket errors' || true)"
}

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -c1-40), $(nginx -v 2>&1)"
  echo "commit: $(git rev-parse --short HEAD)"
} | tee "$out"

# ---- 1. pages and JSON against nginx, 10,000 runs
if [ "${PART:-all}" = all ]; then
d10=$work/data10k
with_runs "$d10" perf/load-10k-runs.sql
say ""
m=$(median_start_out "$d10")
say "== start-up to ready with an existing database of 10,000 runs (median of 3; load $(load)): $m s"
start_portal "$d10"
mkdir -p "$work/www"
chmod 755 "$work"
paths=("/api/leaderboards/nyuv2" "/leaderboards/nyuv2" "/benchmarks/nyuv2" "/" "/analysis/ranking-similarity?benchmark=nyuv2" "/methods/mgda")
i=0
declare -A files
for p in "${paths[@]}"; do
  i=$((i + 1))
  curl -sf -o "$work/www/f$i" "http://127.0.0.1:$port$p"
  files[$p]=f$i
done
chmod -R a+rX "$work/www"
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
sleep 1
wrk -t2 -c64 -d5s "http://127.0.0.1:$port/leaderboards/nyuv2" >/dev/null   # JIT warm-up
wrk -t2 -c64 -d5s "http://127.0.0.1:$port/api/leaderboards/nyuv2" >/dev/null
say ""
say "== wrk -t2 -c64 -d$duration, portal vs nginx serving the same bytes (10,000 runs)"
say "| path | bytes | portal req/s | portal p50 | portal p99 | nginx req/s | nginx p99 | ratio | load avg |"
say "|---|---|---|---|---|---|---|---|---|"
for p in "${paths[@]}"; do
  f=${files[$p]}
  cmp <(curl -s "http://127.0.0.1:$nginx_port/$f") <(curl -s "http://127.0.0.1:$port$p")
  read -r prs pp50 pp99 perr <<< "$(wrk_line "http://127.0.0.1:$port$p")"
  read -r nrs np50 np99 nerr <<< "$(wrk_line "http://127.0.0.1:$nginx_port/$f")"
  ratio=$(echo "scale=2; $prs / $nrs" | bc)
  say "| $p | $(stat -c %s "$work/www/$f") | $prs | $pp50 | $pp99 | $nrs | $np99 | $ratio | $(load) |"
done
say ""
say "== distinct JSON queries (a new sort and size on every request: cache misses on the cached board)"
t0=$(date +%s.%N)
for n in $(seq 1 200); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/api/leaderboards/nyuv2?size=$((n % 90 + 10))&sort=depth.absErr&page=$((n % 3 + 1))&order=$([ $((n % 2)) = 0 ] && echo asc || echo desc)"
done
say "200 sequential distinct queries: $(echo "scale=1; ($(date +%s.%N) - $t0) * 1000 / 200" | bc) ms each (load $(load))"
stop_portal
# start-up is mostly the JIT compilers' work on 2 cores: the same start-up and the JSON line with the
# serial collector, with the C2 compiler off, and with C2 compiling only hotter methods (10x its
# invocation thresholds)
say ""
say "== JIT options: start-up to ready (10,000 runs, median of 3) and the leaderboard JSON against nginx"
say "| JVM options | start-up s | portal req/s | portal p99 | nginx req/s | ratio | load avg |"
say "|---|---|---|---|---|---|---|"
f=${files[/api/leaderboards/nyuv2]}
for opts in "" "-XX:+UseSerialGC" "-XX:TieredStopAtLevel=1" "-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000"; do
  m=$(JVM_OPTS="$opts ${JVM_OPTS:-}" median_start_out "$d10")
  JVM_OPTS="$opts ${JVM_OPTS:-}" start_portal "$d10"
  wrk -t2 -c64 -d5s "http://127.0.0.1:$port/api/leaderboards/nyuv2" >/dev/null   # JIT warm-up
  read -r prs pp50 pp99 perr <<< "$(wrk_line "http://127.0.0.1:$port/api/leaderboards/nyuv2")"
  read -r nrs np50 np99 nerr <<< "$(wrk_line "http://127.0.0.1:$nginx_port/$f")"
  say "| ${opts:-(defaults)} | $m | $prs | $pp99 | $nrs | $(echo "scale=2; $prs / $nrs" | bc) | $(load) |"
  stop_portal
done
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"
fi

# ---- 2./3. 100,000 runs
d100=$work/data100k
t0=$(date +%s)
with_runs "$d100" perf/load-100k-runs.sql
say ""
say "== 100,000 runs in NYUv2 (loaded in $(( $(date +%s) - t0 )) s)"
if [ "${PART:-all}" = all ]; then
  m=$(median_start_out "$d100")
  say "start-up to ready with the existing database (median of 3; load $(load)): $m s"
fi
start_portal "$d100"
first=$(curl -s -o "$work/first.json" -w '%{time_total}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
runs=$(grep -o '"total":[0-9]*' "$work/first.json")
second=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
page=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/leaderboards/nyuv2")
say "rows: $runs; first leaderboard request after start (no board snapshot yet: every run read): ${first} s; next: ${second} s; page: ${page} s (load $(load))"
# the board's snapshot (<data-dir>/boards) was written after that first read: start again, within two
# minutes of the last change (the start-up imports of this new database): the snapshot's facts and the
# runs changed since are read
stop_portal
start_portal "$d100"
t_restart=$(date +%s)
first=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
say "after a restart, with the board's snapshot, within 2 minutes of a change: first leaderboard request ${first} s (load $(load)); $(grep -o 'Board of nyuv2 from its snapshot[^;]*' "$d100.log" | head -1)"
# and again more than two minutes (the late-commit margin) after the last change: the snapshot's rows
sleep $(( 130 - ($(date +%s) - t_restart) ))
stop_portal
start_portal "$d100"
first=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
page=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/leaderboards/nyuv2")
say "after a restart, with the board's snapshot, no change in the 2 minutes before it: first leaderboard request ${first} s; page ${page} s (load $(load)); $(grep -o 'Board of nyuv2 from its snapshot[^;]*' "$d100.log" | head -1)"
sleep 8 # the board's facts load in the background 5 s after the first request
# a write acknowledged to its author, then the next read: withdraw run 10000007 (an ordinary row member)
victim=10000007
tw=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -X DELETE -H "Authorization: Bearer $admin" \
  "http://127.0.0.1:$port/api/runs/$victim")
t0=$(date +%s.%N)
curl -s "http://127.0.0.1:$port/api/leaderboards/nyuv2?size=500" > "$work/after.json"
tr=$(echo "$(date +%s.%N) - $t0" | bc)
if grep -q "\b$victim\b" "$work/after.json"; then seen="STILL LISTED"; else seen="gone"; fi
say "withdrawal DELETE /api/runs/$victim: $tw s; first read after it: $tr s, run $seen (load $(load))"
for a in ranking-similarity levels optimizers gradients robustness feature-disentanglement; do
  r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/api/analysis/$a?benchmark=nyuv2")
  r2=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/analysis/$a?benchmark=nyuv2")
  say "GET /api/analysis/$a?benchmark=nyuv2: status and first $r s, next $r2 s"
done
# after a write every cached analysis is recomputed once: the same requests again, after a withdrawal
curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/api/runs/10000011"
for a in ranking-similarity levels; do
  r=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/analysis/$a?benchmark=nyuv2")
  r2=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/analysis/$a?benchmark=nyuv2")
  say "after a withdrawal, GET /api/analysis/$a?benchmark=nyuv2: first $r s, next $r2 s (load $(load))"
done
say "resident memory after these requests: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$portal/status") (default heap sizing, load $(load))"
jcmd "$portal" GC.run >/dev/null
say "Java heap in use after a full GC: $(jcmd "$portal" GC.heap_info | awk '/used/ {print; exit}')"
stop_portal
# resident memory with a bounded heap: the same requests under -Xmx256m
JVM_OPTS="-Xmx256m" start_portal "$d100"
for u in /api/leaderboards/nyuv2 /leaderboards/nyuv2 "/api/analysis/ranking-similarity?benchmark=nyuv2" "/api/analysis/levels?benchmark=nyuv2"; do
  r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port$u")
  say "-Xmx256m: GET $u: $r s"
done
sleep 6
curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $admin" "http://127.0.0.1:$port/api/runs/10000013"
curl -s -o /dev/null "http://127.0.0.1:$port/api/leaderboards/nyuv2"
say "-Xmx256m: resident memory after these requests and a withdrawal: $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$portal/status") (load $(load))"
stop_portal

# ---- 4. submission → verdict and evaluation throughput against PyTorch-Python (and, with
# WITH_PG1M=1, 1,000,000 runs on PostgreSQL): the same scripts as PART=verdict / PART=pg1m
if [ "${PART:-all}" = all ]; then
  say ""
  say "== submission → verdict, evaluation throughput (perf/verdict-and-eval.sh 5)"
  perf/verdict-and-eval.sh 5 2>&1 | tee -a "$out"
  if [ "${WITH_PG1M:-0}" = 1 ]; then
    say ""
    say "== 1,000,000 runs on PostgreSQL (perf/pg-1m.sh)"
    perf/pg-1m.sh "$duration" 2>&1 | tee -a "$out"
  fi
fi
say ""
say "written to $out"
