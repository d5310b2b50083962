#!/usr/bin/env bash
# Training-step time of MTLBoard's DJL trainer against the same step in PyTorch-Python: the
# LeNet-5-style two-task network of the MultiFashion reference runs on one fixed batch, with EW
# (one backward pass of the summed loss) and PCGrad (one backward pass per task, projection, Adam).
# DJL: io.mtlboard.training.TrainingStepBenchmark (src/test) runs io.mtlboard.training.TrainingStep;
# Python: perf/training_step.py with Debian's python3-torch (/usr/bin/python3). The two alternate,
# three times per setting, and the median of the medians is reported.
# Usage: perf/training-step.sh [steps per measurement, default 50] [batch, default 256]
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-50}
batch=${2:-256}
out="perf/results/training-step-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p perf/results

mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/perf-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/perf-classpath.txt)"

{
  echo "# $(date -u +%FT%TZ), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for threads in 1 2; do
    for method in ew pcgrad; do
      for rep in 1 2 3; do
        java -cp "$cp" io.mtlboard.training.TrainingStepBenchmark "$method" "$batch" "$threads" "$steps" 2>/dev/null \
          | grep median
        /usr/bin/python3 perf/training_step.py --method "$method" --batch "$batch" --threads "$threads" \
          --steps "$steps"
      done
    done
  done
} | tee "$out"

echo
echo "median of medians (ms/step) and DJL throughput relative to Python (target ≥ 0.8):"
/usr/bin/python3 - "$out" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(djl|python)\s+(\S+) batch (\d+) threads (\d+): median ([\d.]+)", line)
    if m:
        rows.setdefault((m[2], m[4]), {}).setdefault(m[1], []).append(float(m[5]))
for (method, threads), v in sorted(rows.items()):
    d, p = statistics.median(v["djl"]), statistics.median(v["python"])
    print(f"{method:7s} threads {threads}: DJL {d:7.2f}  Python {p:7.2f}  ratio {p / d:4.2f}")
PY
