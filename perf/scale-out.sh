#!/usr/bin/env bash
# Multi-process test on PostgreSQL, loopback only: 2 portal and 3 worker processes of the one jar
# share a database and an artifact directory.
#   1. 200 submissions with a real TorchScript model → every run evaluated exactly once, none lost;
#      meanwhile 20 random `kill -9` of worker processes (restarted each time) → no run stuck.
#   2. a mixed read/submit load with wrk on both portals → errors and latency recorded.
#   3. a PostgreSQL restart during load → the portals answer 503 (never 500) while it is down and
#      recover without manual action.
# Usage: perf/scale-out.sh [submissions=200] [kills=20] [load-seconds=60]
# Needs: PostgreSQL on 127.0.0.1:5432 (trust auth), wrk, curl, python3. Results: perf/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
SUBMISSIONS=${1:-200}
KILLS=${2:-20}
LOAD=${3:-60}
DB=mtlboard_scale
ADMIN=scale-admin-token
work=$(mktemp -d)
out="perf/results/scale-out-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results
pids=()
log() { printf '%s %s\n' "$(date -u +%T)" "$*" | tee -a "$out"; }
cleanup() { pkill -9 -f "scale.run=$work" 2>/dev/null || true; pkill -9 -f "$work/data" 2>/dev/null || true; }
trap cleanup EXIT

log "building the PostgreSQL jar"
mvn -B -q package -DskipTests -Dquarkus.profile=pg -Dquarkus.package.output-directory=pg-build
app=target/pg-build/quarkus-run.jar
cp -r benchmarks-data "$work/benchmarks"
python3 perf/make-scale-benchmark.py "$work/benchmarks" 200
mkdir -p "$work/data"
psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $DB" -c "create database $DB"

start() { # role port name
  MTLBOARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_PROFILE=pg MTLBOARD_ROLE=$1 \
  MTLBOARD_DATA_DIR="$work/data" MTLBOARD_BENCHMARKS_DIR="$work/benchmarks" QUARKUS_HTTP_PORT=$2 \
  MTLBOARD_SUBMISSION_ADMIN_TOKEN=$ADMIN MTLBOARD_WORKER_LEASE=PT10S MTLBOARD_WORKER_HEARTBEAT=PT2S \
  MTLBOARD_WORKER_TIMEOUT=PT120S MTLBOARD_WORKER_ID="$3" MTLBOARD_SUBMISSION_DEFAULT_RUNS_PER_DAY=100000 \
  MTLBOARD_WORKER_ROBUSTNESS=false \
  MTLBOARD_SUBMISSION_DEFAULT_MAX_CONCURRENT=100000 \
    java -Xmx512m "-Dscale.run=$work" -jar "$app" > "$work/$3.log" 2>&1 &
  echo $!
}
# a process not ready in time ends the test with the tail of its log, never silently
ready() { # port name
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return 0; sleep 1; done
  log "FAIL: $2 on port $1 not ready after 300 s; the end of its log:"; tail -n 40 "$work/$2.log" | tee -a "$out"; exit 1
}

log "starting 2 portals and 3 workers"
p1=$(start portal 18201 portal-1); pids+=("$p1"); ready 18201 portal-1
p2=$(start portal 18202 portal-2); pids+=("$p2")
declare -A worker_pid
for w in 1 2 3; do worker_pid[$w]=$(start worker $((18210 + w)) "worker-$w"); done
ready 18202 portal-2; for w in 1 2 3; do ready $((18210 + w)) "worker-$w"; done
curl -s -o /dev/null -w "worker role refuses the API: HTTP %{http_code}\n" http://127.0.0.1:18211/api/benchmarks | tee -a "$out"

token=$(curl -sf -X POST http://127.0.0.1:18201/api/tokens -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"scale"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
model=src/test/resources/models/multifashion-good.pt
# the claims are what the evaluate CLI measures on the scale benchmark, so every run should end VERIFIED
claims=$(MTLBOARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_PROFILE=pg MTLBOARD_DATA_DIR="$work/data" \
  java -jar "$app" evaluate --model "$model" --benchmark multifashion-scale --device cpu \
  --benchmarks-dir "$work/benchmarks" --data-dir "$work/cli-data" --json 2>/dev/null \
  | python3 -c 'import json,sys; m=json.load(sys.stdin)["measured"]; print(json.dumps({k: m[k] for k in ("left.accuracy","right.accuracy")}))')
log "claims measured by the evaluate CLI: $claims"
manifest() { printf '{"benchmark":"multifashion-scale","backbone":"lenet5","method":"ew","optimizer":"adam","gradientLevel":"param","seed":%d,"claims":%s}' "$1" "$claims"; }

log "submitting $SUBMISSIONS runs alternately to both portals"
t0=$(date +%s)
accepted=0
for i in $(seq 1 "$SUBMISSIONS"); do
  port=$((18201 + i % 2))
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/runs" -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: scale-$i" -F "manifest=$(manifest "$i")" -F "model=@$model")
  [ "$code" = 201 ] && accepted=$((accepted + 1))
done
log "accepted $accepted of $SUBMISSIONS submissions in $(( $(date +%s) - t0 )) s"

sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "$1"; }
log "killing the worker of a running evaluation with SIGKILL $KILLS times while the queue drains"
killed_jobs=()
killed_list=0
for k in $(seq 1 "$KILLS"); do
  # a victim: a worker whose evaluation process has started and reported progress
  victim=""
  for _ in $(seq 1 120); do
    # a lease renewed within the last heartbeats belongs to a live worker; each job is killed at most
    # once, so that 20 kills hit 20 runs (a job killed more often than mtlboard.worker.max-infra-retries
    # ends FAILED by design)
    victim=$(sql "select id || '-' || attempt || ' ' || lease_owner from evaluation_job where state='RUNNING'
      and progress_done is not null and lease_expires_at > now() + interval '7 seconds'
      and id not in ($killed_list) order by random() limit 1")
    [ -n "$victim" ] && break
    sleep 0.5
  done
  [ -n "$victim" ] || { log "FAIL: no evaluation running to kill"; exit 1; }
  job=${victim%% *}; w=${victim##*worker-}; w=${w%%[!0-9]*}
  kill -9 "${worker_pid[$w]}" 2>/dev/null || true
  killed_jobs+=("$job")
  killed_list="$killed_list,${job%%-*}"
  worker_pid[$w]=$(start worker $((18210 + w)) "worker-$w")
  log "kill $k: worker-$w killed while evaluating job $job, restarted; queued=$(sql "select count(*) from evaluation_job where state='QUEUED'") running=$(sql "select count(*) from evaluation_job where state='RUNNING'")"
  sleep $(( (RANDOM % 3) + 1 ))
done
log "waiting for the queue to drain"
deadline=$(( $(date +%s) + 1800 ))
while [ "$(sql "select count(*) from evaluation_job where state in ('QUEUED','RUNNING')")" != 0 ]; do
  [ "$(date +%s)" -gt "$deadline" ] && { log "FAIL: queue not drained after 30 min"; exit 1; }
  sleep 5
done
drain=$(( $(date +%s) - t0 ))
submitted="select id from run where source='SUBMITTED'"
runs=$(sql "select count(*) from run where source='SUBMITTED'")
stuck=$(sql "select count(*) from run where source='SUBMITTED' and status in ('QUEUED','RUNNING')")
verified=$(sql "select count(*) from run where source='SUBMITTED' and status='VERIFIED'")
once=$(sql "select count(*) from (select run_id from evaluation where status='COMPLETED' and run_id in ($submitted) group by run_id having count(*) = 1) x")
twice=$(sql "select count(*) from (select run_id from evaluation where status='COMPLETED' and run_id in ($submitted) group by run_id having count(*) > 1) x")
expired=$(sql "select coalesce(sum(infra_failures),0) from evaluation_job")
killed_ids=$(printf '%s\n' "${killed_jobs[@]}" | cut -d- -f1 | sort -u)
killed_once=$(sql "select count(*) from evaluation_job j where j.id in ($(echo $killed_ids | tr ' ' ,)) and j.state='DONE' and (select count(*) from evaluation e where e.run_id = j.run_id and e.status='COMPLETED') = 1")
log "runs=$runs stuck=$stuck verified=$verified evaluated-once=$once evaluated-more-than-once=$twice infrastructure-retries=$expired drain=${drain}s"
log "jobs whose worker was killed: ${#killed_jobs[@]} kills on $(echo $killed_ids | wc -w) distinct jobs, $killed_once of them done with exactly one completed evaluation"
sql "select status, count(*) from run where source='SUBMITTED' group by status order by 1" | sed 's/^/  status|count: /' | tee -a "$out"
[ "$runs" = "$SUBMISSIONS" ] && [ "$stuck" = 0 ] && [ "$once" = "$SUBMISSIONS" ] && [ "$twice" = 0 ] \
  && [ "$verified" = "$SUBMISSIONS" ] \
  && [ "$(echo $killed_ids | wc -w)" = "$KILLS" ] && [ "$killed_once" = "$KILLS" ] \
  || { log "FAIL: every run must be evaluated exactly once"; exit 1; }

# the load runs in this shell so that `wait` can join it: start_load <seconds> <tag> sets LOAD_PIDS
start_load() {
  local seconds=$1 tag=$2
  ( end=$(( $(date +%s) + seconds )); n=0
    while [ "$(date +%s)" -lt "$end" ]; do
      n=$((n + 1)); curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$((18201 + n % 2))/api/runs" \
        -H "Authorization: Bearer $token" -F "manifest=$(manifest $(( tag * 100000 + n )))" >> "$work/submit-$tag"
      sleep 0.2
    done ) &
  local sub=$!
  # a response slower than 5 s counts as an error; slower ones than wrk's default 2 s were seen while
  # three workers evaluated the submissions of this load on the same 2 cores
  wrk -t2 -c32 -d"${seconds}s" --timeout 5s --latency "http://127.0.0.1:18201/api/leaderboards/nyuv2" > "$work/wrk-$tag-a.txt" &
  local a=$!
  wrk -t1 -c16 -d"${seconds}s" --timeout 5s --latency "http://127.0.0.1:18202/api/runs/1" > "$work/wrk-$tag-b.txt" &
  local b=$!
  # wrk counts non-2xx answers without telling them apart: a probe records the status of each read
  ( end=$(( $(date +%s) + seconds )); n=0
    while [ "$(date +%s)" -lt "$end" ]; do
      n=$((n + 1)); curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$((18201 + n % 2))/api/runs/1" >> "$work/probe-$tag"
      sleep 0.05
    done ) &
  LOAD_PIDS="$sub $a $b $!"
}
report() { # tag
  { echo "== wrk on portal 1, GET /api/leaderboards/nyuv2"; cat "$work/wrk-$1-a.txt"
    echo "== wrk on portal 2, GET /api/runs/1"; cat "$work/wrk-$1-b.txt"; } | tee -a "$out"
  log "submissions (HTTP status: count): $(sort "$work/submit-$1" | uniq -c | awk '{printf "%s: %s  ", $2, $1}')"
  log "probe reads of /api/runs/1 (HTTP status: count): $(sort "$work/probe-$1" | uniq -c | awk '{printf "%s: %s  ", $2, $1}')"
}
errors() { # tag → non-2xx responses and socket errors of both wrk runs, refused submissions, failed probes
  local e
  e=$(cat "$work/wrk-$1-a.txt" "$work/wrk-$1-b.txt" | awk '/Non-2xx/ {s += $NF} /Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} END {print s + 0}')
  echo $(( e + $(grep -vc '^201$' "$work/submit-$1" || true) + $(grep -vc '^200$' "$work/probe-$1" || true) ))
}

log "mixed read/submit load for ${LOAD}s on both portals"
start_load "$LOAD" 1
wait $LOAD_PIDS || true
report 1
mixed_errors=$(errors 1)
log "errors under mixed load: $mixed_errors"

log "mixed load for 30s with a PostgreSQL restart after 10s"
start_load 30 2
sleep 10
pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart
log "PostgreSQL restarted"
wait $LOAD_PIDS || true
report 2
log "errors during the restart window (expected while the database is down): $(errors 2)"
# while the database is down the portals answer 503 with Retry-After, never 500
internal=$(cat "$work/submit-2" "$work/probe-2" | grep -c '^500$' || true)
log "500 answers during the restart window: $internal"
for port in 18201 18202; do
  recovered=""
  for attempt in $(seq 1 30); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/runs" -H "Authorization: Bearer $token" \
      -F "manifest=$(manifest $((900000 + port * 100 + attempt)))")
    [ "$code" = 201 ] && { recovered=$attempt; break; }
    sleep 1
  done
  log "after the restart, portal $port accepted a submission at attempt ${recovered:-none}; ready: $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/q/health/ready)"
  [ -n "$recovered" ] || { log "FAIL: portal $port did not recover within 30 s"; exit 1; }
done
[ "$mixed_errors" = 0 ] || { log "FAIL: errors under the mixed load"; exit 1; }
[ "$internal" = 0 ] || { log "FAIL: 500 instead of 503 while the database was down"; exit 1; }
log "PASS (results in $out)"
