#!/usr/bin/env bash
# First (uncached) answer of the ranking-similarity analysis per coefficient, on the bundled data:
# each query below is a new analysis (its own bootstrap of 1,000 seed draws per heatmap cell), so
# the first request computes it and later ones are served from the analysis cache. Starts the
# portal on a fresh data directory, asks every query once and then once more (cached), and prints
# the seconds of each.
# Usage: perf/analysis-cold.sh [quarkus-app dir, default target/quarkus-app]  (port 18088)
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-target/quarkus-app}
port=18088
work=$(mktemp -d)
trap 'kill "${portal:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
[ -f "$app/quarkus-run.jar" ] || mvn -B -q package -DskipTests
java -Dmtlboard.data-dir="$work/data" -Dquarkus.http.port=$port -jar "$app/quarkus-run.jar" \
  > "$work/portal.log" 2>&1 &
portal=$!
for _ in $(seq 1 1800); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break
  sleep 0.1
done
base="http://127.0.0.1:$port/api/analysis/ranking-similarity?benchmark=multifashion"
queries=("" "&coefficient=spearman-rho" "&coefficient=top-k-overlap&k=3" "&convention=flat" \
  "&convention=flat&coefficient=spearman-rho")
for round in first cached; do
  for q in "${queries[@]}"; do
    printf '%-7s %-45s %s\n' "$round" "${q:-(kendall, per task)}" \
      "$(curl -s -o /dev/null -w '%{http_code} %{time_total}s' "$base$q")"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
