#!/usr/bin/env bash
# Many distinct leaderboard queries against a small heap: with 100,000 runs in NYUv2
# (perf/load-100k-runs.sql) and -Xmx256m, 201 reads of every row with a different page size each
# (size=300..700: each answer ≈ 0.6–1.4 MB, each a cache entry of its own). Prints the status codes,
# the heap in use afterwards and the number of OutOfMemoryError lines in the portal's log; the
# answer caches are bounded by bytes, so every read must be a 200.
# Usage: perf/distinct-queries.sh [quarkus-app dir, default target/quarkus-app]  (port 18087)
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-target/quarkus-app}
port=18087
work=$(mktemp -d)
trap 'kill "${portal:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
[ -f "$app/quarkus-run.jar" ] || mvn -B -q package -DskipTests
h2=$(ls "$app"/lib/main/com.h2database.h2-*.jar)

start() {  # $1: extra JVM options
  # shellcheck disable=SC2086
  java $1 -Dmtlboard.data-dir="$work/data" -Dquarkus.http.port=$port -jar "$app/quarkus-run.jar" \
    > "$work/portal.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return
    sleep 0.1
  done
  echo "portal did not start" >&2; tail -30 "$work/portal.log" >&2; exit 1
}

start ""
kill "$portal"; wait "$portal" 2>/dev/null || true
java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$work/data/mtlboard" -user sa -script perf/load-100k-runs.sql
start "-Xmx256m"
echo "date: $(date -u +%FT%TZ), app: $app, load: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s)
for n in $(seq 300 2 700); do
  curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/api/leaderboards/nyuv2?size=$n"
done | sort | uniq -c | sed 's/^/status: /'
echo "201 distinct reads in $(( $(date +%s) - t0 )) s"
echo "heap after: $(jcmd "$portal" GC.heap_info | awk '/used/ {print; exit}')"
echo "OutOfMemoryError lines in the log: $(grep -c OutOfMemoryError "$work/portal.log" || true)"
