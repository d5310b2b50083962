#!/usr/bin/env bash
# Verdict latency and evaluation throughput, written to perf/results/verdict-eval-<date>.txt:
#  1. submission → verdict: starts the packaged portal on a fresh H2 database (in-process worker, default
#     settings: child JVM per evaluation, corrupted-split sweep after the verdict), submits the MultiFashion
#     example bundle (clients/python/examples: 22k-parameter LeNet-style model, 10,000 test images) N times
#     one after the other and polls GET /api/runs/{id} every 50 ms: the time from the POST to status
#     'verified' (the verdict) and to the end of the diagnostics (the log's robustness line);
#  2. evaluation throughput: the `evaluate` CLI against perf/evaluate_torch.py (PyTorch-Python, same
#     TorchScript file, same split, same batches of 100, same libtorch thread count) alternately, N times
#     each, both doing the same work: the clean test split only (--no-robustness) and no timing runs
#     (--no-efficiency: the CLI's batch-1 latency and throughput runs have no counterpart in Python).
#     Whole-process wall time of both and the time each reports for scoring alone (the CLI's
#     scoringSeconds, Python's seconds: model loaded, data decoded); the ratio of the medians of each.
# Usage: perf/verdict-and-eval.sh [N=5]     (needs /usr/bin/python3 with torch: Debian's python3-torch)
#   ONLY=eval or ONLY=verdict runs one part; THREADS=k sets libtorch's threads on both sides (default 1,
#   PyTorch-Python's default on this machine's Debian torch).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
only=${ONLY:-all}
threads=${THREADS:-1}
port=18143
admin=perf-admin-token
work=$(mktemp -d)
out="perf/results/verdict-eval-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
jar=target/quarkus-app/quarkus-run.jar
model=clients/python/examples/model.pt
manifest=clients/python/examples/run.json
load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { echo "$*" | tee -a "$out"; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
portal=
cleanup() { [ -n "$portal" ] && kill "$portal" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
  echo "commit: $(git rev-parse --short HEAD)"
} | tee "$out"

# ---- 1. submission → verdict
if [ "$only" != eval ]; then
MTLBOARD_SUBMISSION_ADMIN_TOKEN=$admin java -Dmtlboard.data-dir="$work/data" -Dquarkus.http.port=$port \
  -jar "$jar" > "$work/portal.log" 2>&1 &
portal=$!
until curl -sf "http://127.0.0.1:$port/q/health/ready" > /dev/null; do sleep 0.2; done
token=$(MTLBOARD_SUBMISSION_ADMIN_TOKEN=$admin java -jar "$jar" token create --name perf --runs-per-day 1000 \
  --url "http://127.0.0.1:$port" 2>/dev/null)
say ""
say "1. submission -> verdict, MultiFashion example bundle, $n submissions one after the other"
say "   submission  verdict_s  diagnostics_done_s  status  load"
: > "$work/verdicts"
for i in $(seq 1 "$n"); do
  t0=$(now)
  id=$(curl -sf -H "Authorization: Bearer $token" -H "Idempotency-Key: perf-$i-$$" \
    -F manifest=@"$manifest" -F model=@"$model" "http://127.0.0.1:$port/api/runs" \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  verdict=; status=
  while true; do
    status=$(curl -sf "http://127.0.0.1:$port/api/runs/$id" \
      | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    if [ -z "$verdict" ] && [[ "$status" =~ ^(verified|discrepant|rejected|failed)$ ]]; then
      verdict=$(echo "$(now) - $t0" | bc); final=$status
    fi
    if [ -n "$verdict" ] && curl -sf "http://127.0.0.1:$port/api/runs/$id/log" | grep -q '^robustness:'; then
      break
    fi
    sleep 0.05
  done
  done_s=$(echo "$(now) - $t0" | bc)
  echo "$verdict" >> "$work/verdicts"
  say "   $i  $(printf %.2f "$verdict")  $(printf %.2f "$done_s")  $final  $(load)"
done
say "   median verdict: $(median < "$work/verdicts") s (target <= 5 s)"
kill "$portal"; wait "$portal" 2>/dev/null || true; portal=
fi

# ---- 2. evaluation throughput: evaluate CLI against PyTorch-Python, alternating, the same work
if [ "$only" != verdict ]; then
say ""
say "2. evaluation of the same TorchScript file on MultiFashion's 10,000 test images, alternating; both score"
say "   the clean test split only, no latency/throughput runs, libtorch threads: $threads on both sides"
say "   round  cli_whole_s  cli_scoring_s  python_whole_s  python_scoring_s  load"
: > "$work/cli"; : > "$work/py"; : > "$work/cli_s"; : > "$work/py_s"
for i in $(seq 1 "$n"); do
  t0=$(now)
  cli_json=$(java -jar "$jar" evaluate --model "$model" --benchmark multifashion --no-robustness --no-efficiency \
    --threads "$threads" --json 2>/dev/null)
  cli=$(echo "$(now) - $t0" | bc)
  t0=$(now)
  py_json=$(/usr/bin/python3 perf/evaluate_torch.py "$model" benchmarks-data/multifashion "$threads")
  py=$(echo "$(now) - $t0" | bc)
  IFS=/ read -r l_cli r_cli cli_s < <(echo "$cli_json" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); m=d["measured"]; print(m["left.accuracy"], m["right.accuracy"], round(d["scoringSeconds"],3), sep="/")')
  IFS=/ read -r l_py r_py py_s < <(echo "$py_json" | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(*d["accuracy"], round(d["seconds"],3), sep="/")')
  echo "$cli" >> "$work/cli"; echo "$py" >> "$work/py"; echo "$cli_s" >> "$work/cli_s"; echo "$py_s" >> "$work/py_s"
  say "   $i  $(printf %.2f "$cli")  $cli_s  $(printf %.2f "$py")  $py_s  $(load)   accuracies cli $l_cli/$r_cli, python $l_py/$r_py"
done
mc=$(median < "$work/cli"); mp=$(median < "$work/py"); mcs=$(median < "$work/cli_s"); mps=$(median < "$work/py_s")
ratio() { printf %.2f "$(echo "scale=4; $1 / $2" | bc)"; }
say "   medians: whole process cli $(printf %.2f "$mc") s, python $(printf %.2f "$mp") s -> throughput ratio cli/python $(ratio "$mp" "$mc") (target >= 1.0)"
say "            scoring alone cli $(printf %.2f "$mcs") s, python $(printf %.2f "$mps") s -> throughput ratio cli/python $(ratio "$mps" "$mcs")"
fi
echo "written to $out"
