#!/usr/bin/env bash
# Loads 10,000 runs into a fresh H2 database and measures GET /api/leaderboards/nyuv2 with wrk at 64
# connections, against nginx serving the identical response bytes as a static file.
# Usage: perf/leaderboard-load.sh [duration, default 30s]   (needs wrk and nginx: apt-get install wrk nginx-light)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30s}
work=$(mktemp -d)
port=18080
nginx_port=18090
url_path="/api/leaderboards/nyuv2"
out="perf/results/leaderboard-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
h2=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar)

start_portal() {
  java -Dmtlboard.data-dir="$work/data" -Dquarkus.http.port=$port -jar target/quarkus-app/quarkus-run.jar \
    > "$work/portal.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return; sleep 1; done
  echo "portal did not start" >&2; cat "$work/portal.log" >&2; exit 1
}
stop_portal() { kill "$portal"; wait "$portal" 2>/dev/null || true; }
trap 'kill ${portal:-} 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true' EXIT

echo "== schema and literature rows"; start_portal; stop_portal
echo "== loading 10,000 runs"
java -cp "$h2" org.h2.tools.RunScript -url "jdbc:h2:file:$work/data/mtlboard" -user sa -script perf/load-10k-runs.sql
runs=$(java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$work/data/mtlboard" -user sa \
  -sql "select count(*) from run" | grep -Eo '^[0-9]+' | head -1)
start_portal
cold=$(curl -s -o "$work/body.json" -w '%{time_total}' "http://127.0.0.1:$port$url_path")
warm=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$url_path")
uncached=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$url_path?sort=depth.absErr&size=100")
bytes=$(stat -c %s "$work/body.json")

mkdir -p "$work/www/api/leaderboards"
cp "$work/body.json" "$work/www/api/leaderboards/nyuv2"
chmod 755 "$work"; chmod -R a+rX "$work/www"   # nginx workers run as www-data
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
sleep 1
cmp <(curl -s "http://127.0.0.1:$nginx_port$url_path") "$work/body.json"

wrk -t2 -c64 -d5s "http://127.0.0.1:$port$url_path" >/dev/null   # JIT warm-up
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "runs in database (nyuv2 + literature): $runs"
  echo "response: $bytes bytes (50 rows of $(grep -o '"total":[0-9]*' "$work/body.json"))"
  echo "first request after start (computes the board from the database): ${cold}s"
  echo "second request (served from the response cache): ${warm}s"
  echo "new query on the cached board (filter, sort, serialize 100 rows): ${uncached}s"
  echo
  echo "== MTLBoard portal, wrk -t2 -c64 -d$duration --latency"
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port$url_path"
  echo
  echo "== nginx, same bytes as a static file, wrk -t2 -c64 -d$duration --latency"
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$nginx_port$url_path"
} | tee "$out"
echo "written to $out"
