#!/usr/bin/env bash
# Start-up to ready with an existing H2 database of 10,000 runs, this build against another one
# (for instance the build before a change), alternating so that both see the same machine load.
# Usage: perf/startup-compare.sh <other target/quarkus-app directory> [starts per build, default 3]
# Writes perf/results/startup-compare-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
other=$1
starts=${2:-3}
port=18142
work=$(mktemp -d)
out="perf/results/startup-compare-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
h2=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar)
pid=
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

secs=
start() {  # $1 app dir, $2 data dir: sets secs (seconds to ready), leaves the process running in $pid
  local t0
  t0=$(date +%s.%N)
  java -Dmtlboard.data-dir="$2" -Dquarkus.http.port=$port -jar "$1/quarkus-run.jar" > "$2.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; then secs=$(echo "$(date +%s.%N) - $t0" | bc); return; fi
    sleep 0.05
  done
  echo "did not start: $1" >&2; tail -30 "$2.log" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; sleep 1; }

for app in target/quarkus-app "$other"; do
  d=$work/$(echo "$app" | md5sum | cut -c1-8)
  start "$app" "$d"; stop
  java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$d/mtlboard" -user sa -script perf/load-10k-runs.sql
  start "$app" "$d"; stop   # the first start after the load may still import
done
{
  echo "date: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), other build: $other"
  echo "| start | this build s | other build s | load avg |"
  echo "|---|---|---|---|"
} | tee "$out"
for i in $(seq 1 "$starts"); do
  start target/quarkus-app "$work/$(echo target/quarkus-app | md5sum | cut -c1-8)"; a=$secs; stop
  start "$other" "$work/$(echo "$other" | md5sum | cut -c1-8)"; b=$secs; stop
  echo "| $i | $a | $b | $(cut -d' ' -f1-3 /proc/loadavg) |" | tee -a "$out"
done
echo "written to $out"
