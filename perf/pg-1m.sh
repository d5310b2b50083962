#!/usr/bin/env bash
# 1,000,000 runs on PostgreSQL (issue: fast at any size). Writes perf/results/pg-1m-<date>.txt:
#  1. builds the PostgreSQL jar (pg profile, target/pg-build), creates a fresh database mtlboard_pg1m on
#     127.0.0.1:5432 (user postgres, trust auth), starts the portal once (Flyway schema, registries
#     imported) and stops it;
#  2. loads 1,000,000 SUBMITTED/CLAIMED runs with nine claimed metrics each into NYUv2
#     (perf/load-1m-runs-pg.sql), then ANALYZE;
#  3. starts the portal with an explicit heap (-Xmx, default 4g) and measures start-up to ready, the
#     first GET /api/leaderboards/nyuv2 after start (jstack samples of the portal and the active
#     PostgreSQL queries are taken while it runs), the next (cached), the leaderboard page, a new query
#     (other sort and size), a withdrawal DELETE /api/runs/{id} and the first read after it (the run
#     must be gone), wrk -t2 -c64 on the cached JSON, /api/analysis/levels first and repeated, resident
#     memory and the heap after a full GC; then two restarts with the board's snapshot written at
#     shutdown (within 2 minutes of the withdrawal: facts plus changed runs; then with none: its rows),
#     the first request after each and a withdrawal read on the second; then, with the portal stopped, how long PostgreSQL alone takes
#     to stream every claim and to aggregate them per row. The load average is written beside each figure.
# The database is dropped at the end.
# Usage: perf/pg-1m.sh [wrk duration, default 10s]
#   HEAP=4g         -Xmx of the measured portal
#   APP=<dir>       use an already built quarkus-app directory of the pg profile (no build), e.g. to
#                   measure a build from before a change on the same data
#   KEEP_DB=1       keep the database at the end; REUSE_DB=1 measures on a kept one (no new load)
# Needs: PostgreSQL 127.0.0.1:5432 (trust auth), psql, wrk, curl, jcmd, jstack. Ports 18160-18169.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
heap=${HEAP:-4g}
db=mtlboard_pg1m
port=18160
admin=perf-admin-token
work=$(mktemp -d)
out="perf/results/pg-1m-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results "$work/data"

load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { echo "$*" | tee -a "$out"; }
sql() { psql -q -h 127.0.0.1 -U postgres -d "$db" -tAc "$1"; }
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$portal/status"; }

if [ -n "${APP:-}" ]; then
  app=$APP/quarkus-run.jar
else
  mvn -B -q package -DskipTests -Dquarkus.profile=pg -Dquarkus.package.output-directory=pg-build
  app=target/pg-build/quarkus-run.jar
fi

portal=
started_in=
start_portal() {  # $1 log name, $2 extra JVM options; sets portal (pid) and started_in (seconds to ready)
  local t0
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use" >&2; exit 1; fi
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  QUARKUS_PROFILE=pg MTLBOARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" MTLBOARD_DATA_DIR="$work/data" \
    QUARKUS_HTTP_PORT=$port MTLBOARD_SUBMISSION_ADMIN_TOKEN=$admin \
    java $2 -jar "$app" > "$work/$1.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 12000); do   # up to 10 min
    if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; then
      started_in=$(echo "$(date +%s.%N) - $t0" | bc); return
    fi
    kill -0 "$portal" 2>/dev/null || break
    sleep 0.05
  done
  echo "portal did not start" >&2; tail -50 "$work/$1.log" >&2; exit 1
}
stop_portal() { kill "$portal"; wait "$portal" 2>/dev/null || true; portal=; sleep 1; }
cleanup() {
  [ -n "${portal:-}" ] && kill "$portal" 2>/dev/null || true
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  if [ -z "${KEEP_DB:-}" ]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db" || true
  fi
}
trap cleanup EXIT

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(psql --version), $(wrk --version 2>&1 | head -1 | cut -c1-40)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)'), jar: $app"
} | tee "$out"

# ---- 1./2. schema, registries, 1,000,000 runs
if [ -n "${REUSE_DB:-}" ] && [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='$db'")" = 1 ]; then
  say "reusing database $db: $(sql "select count(*) from run where benchmark_id='nyuv2'") NYUv2 runs"
else
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db" -c "create database $db"
  start_portal schema "-Xmx1g"
  say "first start on the empty database (Flyway, registry import): $started_in s (load $(load))"
  stop_portal
  t0=$(date +%s)
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$db" -f perf/load-1m-runs-pg.sql
  t1=$(date +%s)
  sql "analyze"
  say "loaded $(sql "select count(*) from run where benchmark_id='nyuv2'") NYUv2 runs and $(sql "select count(*) from run_claim") claims in $((t1 - t0)) s, analyze $(( $(date +%s) - t1 )) s (load $(load))"
fi
say "database size: $(sql "select pg_size_pretty(pg_database_size('$db'))")"

# ---- 3. measurements
say ""
say "== portal with -Xmx$heap on PostgreSQL, 1,000,000 runs in NYUv2"
start_portal measured "-Xmx$heap"
say "start-up to ready with the existing database: $started_in s (load $(load))"
say "resident memory after start: $(rss)"

# jstack samples of the portal and the active PostgreSQL statements while the first request runs
( set +e +o pipefail; n=0; sleep 3
  while kill -0 "$portal" 2>/dev/null && [ ! -f "$work/first.done" ]; do
    n=$((n + 1))
    echo "--- sample $n at $(date -u +%T), load $(load)" >> "$work/samples.txt"
    jstack "$portal" > "$work/jstack-$n.txt" 2>/dev/null
    # the request's thread (the one in leaderboard code): its top frames and the application's frames
    awk 'BEGIN {RS=""} /leaderboard\./' "$work/jstack-$n.txt" | grep -E '^"|^\s+at ' \
      | awk 'NR <= 7 || /io\.mtlboard\.[a-z]+\.[A-Z][A-Za-z]+\.[a-z]/' | grep -v 'ClientProxy\|_Subclass' | head -14 >> "$work/samples.txt"
    psql -h 127.0.0.1 -U postgres -d postgres -tAc "select state, now() - query_start, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
      from pg_stat_activity where datname = '$db' and state <> 'idle' and pid <> pg_backend_pid()" >> "$work/samples.txt"
    sleep $(( n < 3 ? 5 : 20 ))
  done ) &
sampler=$!
first=$(curl -s -m 3600 -o "$work/first.json" -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
touch "$work/first.done"; wait "$sampler" 2>/dev/null || true; sampler=
rows=$(grep -o '"total":[0-9]*' "$work/first.json" | head -1)
say "first GET /api/leaderboards/nyuv2 after start (status, s, bytes): $first; $rows rows (load $(load))"
say "resident memory after the first request: $(rss)"
second=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
say "next GET /api/leaderboards/nyuv2 (cached): $second (load $(load))"
page=$(curl -s -m 600 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/leaderboards/nyuv2")
page2=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/leaderboards/nyuv2")
say "GET /leaderboards/nyuv2 (page): first $page, next $page2 (load $(load))"
q=$(curl -s -m 600 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2?sort=depth.absErr&order=asc&size=20")
say "new query GET /api/leaderboards/nyuv2?sort=depth.absErr&order=asc&size=20: $q (load $(load))"
# an ordinary row member still listed (a reused database may have lost 10000007 in an earlier run)
victim=$(sql "select min(id) from run where benchmark_id = 'nyuv2' and status = 'CLAIMED' and id >= 10000007")
tw=$(curl -s -m 600 -o /dev/null -w '%{http_code} %{time_total}' -X DELETE -H "Authorization: Bearer $admin" \
  "http://127.0.0.1:$port/api/runs/$victim")
after=$(curl -s -m 600 -o "$work/after.json" -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2?size=500")
if grep -q "\b$victim\b" "$work/after.json"; then seen="STILL LISTED"; else seen="gone"; fi
say "withdrawal DELETE /api/runs/$victim (status, s): $tw; first read after it (?size=500: every row): $after, run $seen (load $(load))"
curl -s -o /dev/null "http://127.0.0.1:$port/api/leaderboards/nyuv2"   # the default page again, cached
w=$(wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port/api/leaderboards/nyuv2")
say "wrk -t2 -c64 -d$duration GET /api/leaderboards/nyuv2 (cached): $(echo "$w" | awk '/Requests\/sec/ {print $2}') req/s, p50 $(echo "$w" | awk '$1=="50%" {print $2}'), p99 $(echo "$w" | awk '$1=="99%" {print $2}')$(echo "$w" | grep -E 'Non-2xx|Socket errors' | tr -s ' ' | sed 's/^/; /' | tr '\n' ' ') (load $(load))"
a1=$(curl -s -m 1800 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/analysis/levels?benchmark=nyuv2")
a2=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/analysis/levels?benchmark=nyuv2")
say "GET /api/analysis/levels?benchmark=nyuv2: first $a1, repeated $a2 (load $(load))"
say "resident memory after these requests: $(rss) (-Xmx$heap)"
jcmd "$portal" GC.run >/dev/null
say "Java heap after a full GC: $(jcmd "$portal" GC.heap_info | awk '/used/ {print; exit}' | sed 's/^ *//')"
say "resident memory after the full GC: $(rss) (load $(load))"
stop_portal   # writes the board's snapshot (<data-dir>/boards/nyuv2.facts)

# restarts with the board's snapshot: first within the 2-minute late-commit margin of the withdrawal
# (the snapshot's facts plus the runs changed since), then with no change in the 2 minutes before the
# snapshot was taken (its rows alone)
say ""
say "== restarts with the board's snapshot ($(du -h "$work/data/boards/nyuv2.facts" 2>/dev/null | cut -f1) on disk)"
start_portal snapshot1 "-Xmx$heap"
first=$(curl -s -m 3600 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
say "start-up $started_in s; first GET /api/leaderboards/nyuv2 within 2 minutes of a change: $first (load $(load)); $(grep -o 'Board of nyuv2 from its snapshot[^;]*' "$work/snapshot1.log" | head -1)"
sleep 130
stop_portal
start_portal snapshot2 "-Xmx$heap"
first=$(curl -s -m 3600 -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2")
say "start-up $started_in s; first GET /api/leaderboards/nyuv2, no change in the 2 minutes before the snapshot: $first (load $(load)); $(grep -o 'Board of nyuv2 from its snapshot[^;]*' "$work/snapshot2.log" | head -1)"
victim2=$(sql "select min(id) from run where benchmark_id = 'nyuv2' and status = 'CLAIMED' and id > $victim")
tw=$(curl -s -m 600 -o /dev/null -w '%{http_code} %{time_total}' -X DELETE -H "Authorization: Bearer $admin" \
  "http://127.0.0.1:$port/api/runs/$victim2")
after=$(curl -s -m 600 -o "$work/after2.json" -w '%{http_code} %{time_total} %{size_download}' "http://127.0.0.1:$port/api/leaderboards/nyuv2?size=500")
if grep -q "\b$victim2\b" "$work/after2.json"; then seen="STILL LISTED"; else seen="gone"; fi
again=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/leaderboards/nyuv2?size=500")
say "withdrawal DELETE /api/runs/$victim2: $tw; first read after it (?size=500): $after, run $seen; the same read again: $again s (load $(load))"
say "resident memory: $(rss)"
stop_portal

# what the database alone takes, portal stopped: producing every claim the board reads (streamed to
# /dev/null by psql), and an aggregate query of the same claims per row (count, mean, std per metric)
say ""
say "== PostgreSQL alone (portal stopped)"
t0=$(date +%s.%N)
psql -q -h 127.0.0.1 -U postgres -d "$db" -c "copy (select c.run_id, c.metric_id, c.claimed from run_claim c
  join run r on r.id = c.run_id where r.benchmark_id = 'nyuv2' and not r.hidden order by c.run_id) to stdout" > /dev/null
say "every NYUv2 claim (9,000,000 rows) streamed to the client: $(echo "$(date +%s.%N) - $t0" | bc) s (load $(load))"
t0=$(date +%s.%N)
n=$(sql "select count(*) from (select r.backbone_id, r.method_id, r.optimizer, r.gradient_level, c.metric_id,
  count(*), avg(c.claimed), stddev_samp(c.claimed) from run r join run_claim c on c.run_id = r.id
  where r.benchmark_id = 'nyuv2' and not r.hidden and r.status in ('CLAIMED', 'QUEUED', 'RUNNING', 'VERIFIED', 'FAILED')
  group by 1, 2, 3, 4, 5) x")
say "aggregate query (count, mean, std per backbone x method x optimizer x level x metric; $n groups): $(echo "$(date +%s.%N) - $t0" | bc) s (load $(load))"
say ""
say "== during the first request: jstack (the thread in leaderboard code, top frames) and active PostgreSQL statements"
cat "$work/samples.txt" >> "$out" 2>/dev/null || true
echo "(samples in $work)"
echo "written to $out"
