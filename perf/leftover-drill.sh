#!/usr/bin/env bash
# Kill drill, loopback only: the packaged portal (H2, in-process worker) is killed with SIGKILL while
# a 40 MB model is still being uploaded (curl --limit-rate) and while the example bundle
# (clients/python/examples) is being evaluated, then restarted at once, within a lease.
# Passes when, without another restart, the periodic leftover sweep has emptied data/uploads and
# data/work, no partial artifact is left, no evaluation process of the killed portal survives, and
# the example run ends verified by exactly one evaluation, the restarted portal's (or the killed
# portal's when it had published the verdict before the kill; the killed attempt otherwise
# records none).
# Usage: perf/leftover-drill.sh [lease-seconds=45]   (APP=<quarkus-run.jar> drills another build)
# Needs: java 17, curl, python3; builds target/quarkus-app/quarkus-run.jar when it is missing.
# Ports 18150-18159. Results: perf/results/leftover-drill-<date>.txt; exit status 0 only on PASS.
set -euo pipefail
cd "$(dirname "$0")/.."
LEASE=${1:-45}
PORT=18151
URL="http://127.0.0.1:$PORT"
ADMIN=drill-admin-token
app=${APP:-target/quarkus-app/quarkus-run.jar}
work=$(mktemp -d)
data="$work/data"
out="perf/results/leftover-drill-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results "$data"
portal=""
upload=""
t_start=$(date +%s)
log() { printf '%s %s\n' "$(date -u +%T)" "$*" | tee -a "$out"; }
fail() {
  log "FAIL: $*"
  for f in "$work"/*.log; do [ -f "$f" ] && { echo "== tail of $f"; tail -25 "$f"; } | tee -a "$out"; done
  exit 1
}
# the portal and its evaluation processes, by process id
children() { [ -n "$1" ] && pgrep -P "$1" 2>/dev/null || true; }
cleanup() {
  local pids=""
  [ -n "$portal" ] && pids="$portal $(children "$portal")"
  [ -n "$upload" ] && pids="$pids $upload"
  for p in $pids; do { kill -9 "$p" && wait "$p"; } 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "$app" ]; then
  log "building the jar"
  mvn -B -q package -DskipTests
fi

# the worker as configured by default, corrupted-split diagnostics included: the clean test pass
# alone takes about 2 s on a quiet machine, too short to be caught mid-evaluation; with the
# diagnostics after the verdict an evaluation runs for tens of seconds
start() { # log name
  MTLBOARD_DATA_DIR="$data" QUARKUS_HTTP_PORT=$PORT MTLBOARD_SUBMISSION_ADMIN_TOKEN=$ADMIN \
  MTLBOARD_WORKER_LEASE="PT${LEASE}S" MTLBOARD_WORKER_HEARTBEAT="PT$(( LEASE / 5 ))S" \
  MTLBOARD_IMPORT_REFERENCE_RUNS=false \
    java -Xmx768m -jar "$app" > "$work/$1.log" 2>&1 &
  portal=$!
}
ready() { for _ in $(seq 1 180); do curl -sf "$URL/q/health/ready" >/dev/null && return 0; sleep 1; done; return 1; }
files() { find "$data/$1" -type f 2>/dev/null | wc -l; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

log "drill with a lease of ${LEASE}s on $URL, data in $data"
start portal-1
ready || fail "the portal did not start"
token=$(MTLBOARD_SUBMISSION_ADMIN_TOKEN=$ADMIN MTLBOARD_DATA_DIR="$work/cli-data" \
  java -jar "$app" token create --name drill --url "$URL" 2>>"$work/token.log")
[ -n "$token" ] || fail "no token"

# a slow upload of a 40 MB model: about 40 s at 1 MB/s, far longer than the drill waits for it
head -c $((40 << 20)) /dev/urandom > "$work/big.pt"
curl -s -o /dev/null --limit-rate 1M -H "Authorization: Bearer $token" \
  -F "manifest=<clients/python/examples/claims-only.json" -F "model=@$work/big.pt" "$URL/api/runs" &
upload=$!
# the example bundle, which the in-process worker evaluates at once
run=$(curl -sf -H "Authorization: Bearer $token" -H "Idempotency-Key: drill-example" \
  -F manifest=@clients/python/examples/run.json -F model=@clients/python/examples/model.pt \
  "$URL/api/runs" | json 'd["id"]')
log "example run $run submitted; 40 MB upload under way"

# kill when both are in progress: a partial upload on disk and an evaluation request file in work/
for _ in $(seq 1 300); do
  [ "$(files work)" -gt 0 ] && [ "$(files uploads)" -gt 0 ] \
    && [ "$(find "$data/uploads" -type f -size +1M | wc -l)" -gt 0 ] && break
  sleep 0.2
done
# H2 writes committed transactions to its file up to half a second later (WRITE_DELAY): give the
# claim of the job time to reach the disk, so that the restarted portal reclaims it as a new attempt
sleep 2
[ "$(files work)" -gt 0 ] || fail "the evaluation did not start, or ended within 2 s"
[ "$(files uploads)" -gt 0 ] || fail "the upload did not reach the disk"
evaluators=$(children "$portal")
[ -n "$evaluators" ] || fail "no evaluation process"
partial=$(find "$data/uploads" -type f -size +1M -printf '%f, %s bytes\n' | head -1)
jobfile=$(find "$data/work" -type f -printf '%f\n' | head -1)
kill -9 "$portal"
wait "$portal" 2>/dev/null || true
t_kill=$(date +%s)
log "portal killed with SIGKILL mid-upload ($partial in uploads/) and mid-evaluation ($jobfile in work/, evaluation process $evaluators)"
wait "$upload" 2>/dev/null || true
upload=""

# restart at once: the leftovers are younger than a lease when the start-up sweep looks at them
start portal-2
ready || fail "the portal did not restart"
t_ready=$(date +%s)
log "restarted: ready $((t_ready - t_kill)) s after the kill; left then: $(files uploads) in uploads/, $(files work) in work/ ($(ls "$data/work" | tr '\n' ' '))"

# the old evaluation process halts once its watchdog sees its parent gone (checked every second
# from the start of its main method: a JVM still starting up on a loaded machine takes longer)
for _ in $(seq 1 120); do
  alive=""; for p in $evaluators; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
  [ -z "$alive" ] && break
  sleep 0.5
done
[ -z "$alive" ] || fail "evaluation process$alive outlived the killed portal"
log "the killed portal's evaluation process is gone $(( $(date +%s) - t_kill )) s after the kill"

# without another restart: the leftovers go, the run is evaluated again and verified
# the sweep runs a lease after start-up, then every lease; the job is reclaimed once its lease expired
deadline=$(( t_ready + 4 * LEASE + 60 ))
status=""
swept_at=""
while :; do
  status=$(curl -sf "$URL/api/runs/$run" | json 'd["status"]' || true)
  if [ -z "$swept_at" ] && [ "$(files uploads)" = 0 ] && ! [ -f "$data/work/$jobfile" ]; then
    swept_at=$(date +%s)
    log "leftovers of the killed portal gone $((swept_at - t_ready)) s after the restart was ready"
  fi
  # the verdict comes before the diagnostics: done when the evaluation's request file is gone too
  case "$status" in queued|running) ;; *) [ -n "$swept_at" ] && [ "$(files work)" = 0 ] && break ;; esac
  [ "$(date +%s)" -gt "$deadline" ] && break
  sleep 1
done
runlog=$(curl -sf "$URL/api/runs/$run/log")
attempts=$(grep -c '^== attempt' <<< "$runlog" || true)
partials=$(find "$data/artifacts" -name 'upload-*.part' 2>/dev/null | wc -l)
removed=$(grep -h 'Removed leftovers' "$work/portal-2.log" | sed 's/^\([0-9-]* [0-9:,]*\).*: \(.*\)$/\1 \2/' || true)
log "run $run: $status; evaluations recorded: $attempts ($(grep '^== attempt' <<< "$runlog" | head -1))"
log "end state: $(files uploads) file(s) in uploads/, $(files work) in work/, $partials partial artifact(s)"
log "sweep log of the restarted portal: ${removed:-none}"
log "drill took $(( $(date +%s) - t_start )) s"
[ -n "$swept_at" ] || fail "leftovers still there $(( $(date +%s) - t_ready )) s after the restart"
[ "$(files uploads)" = 0 ] || fail "uploads/ is not empty"
[ "$(files work)" = 0 ] || fail "work/ is not empty"
[ "$partials" = 0 ] || fail "a partial artifact is left"
[ "$status" = verified ] || fail "the example run ended $status, not verified"
[ "$attempts" = 1 ] || fail "the example run has $attempts evaluations, not exactly one"
# the worker id is <pid>@<host>: the verdict comes from the restarted portal's worker, or, when the
# killed portal had already published it (the verdict is published before the diagnostics), the
# restarted worker closed the job without evaluating the model again
if ! grep -q "^== attempt [0-9]* .*by $portal@.*VERIFIED" <<< "$runlog"; then
  grep -q 'not evaluated again' "$work/portal-2.log" \
    || fail "the verdict is neither from the restarted portal nor one the killed portal published before the kill"
  log "the killed portal had published the verdict before the kill; the restarted worker closed the job"
fi
log "PASS (results in $out)"
