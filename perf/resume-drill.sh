#!/usr/bin/env bash
# Resume drill of the reference CLI: trains one PCGrad run of a short drill protocol (MultiFashion's
# shipped 2,000-image subset, 20 epochs) twice — once straight through, once killed with SIGKILL
# after its checkpoint of epoch 5 and started again — and checks that the resumed bundle says so and
# has the same test metrics, training log (but for wall times) and convergence facts, and that no
# checkpoint is left behind. Needs `mvn -B package -DskipTests` first; about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${APP:-target/quarkus-app/quarkus-run.jar}
W=$(mktemp -d)
trap 'pkill -9 -f "out $W/b" || true; rm -rf "$W"' EXIT
mkdir -p "$W/bd"
cp -r benchmarks-data/multifashion benchmarks-data/fashion-mnist benchmarks-data/*.json "$W/bd/"
/usr/bin/env python3 - "$W/bd/multifashion/reference-protocols.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))[0]
p.update(id='mf-drill', trainSplit='train-subset', trainSamples=1800, validationSamples=200, batchSize=64, epochs=20,
         lrSweep={'seed': 0, 'grid': {'adam': [0.001]}, 'methods': {'adam': ['stl', 'ew']}})
json.dump([p], open(sys.argv[1], 'w'))
PY
ref() { java -jar "$APP" reference --benchmark multifashion --protocol mf-drill --benchmarks-dir "$W/bd" \
  --data-dir "$W/data" --workers 1 --threads 1 --no-diagnostics --optimizers adam --levels param "$@"; }
ref --lr-sweep --methods ew,stl --out "$W/a" > /dev/null 2>&1
cp -r "$W/a" "$W/b"
ref --methods pcgrad --seeds 0 --out "$W/a" > /dev/null 2>&1
STATE="$W/b/multifashion/.checkpoints/lenet5_pcgrad_param_adam_seed0/state.json"
(ref --methods pcgrad --seeds 0 --out "$W/b" > /dev/null 2>&1 &)
for _ in $(seq 1 1500); do
  sleep 0.2
  e=$(python3 -c "import json;print(json.load(open('$STATE'))['epoch'])" 2>/dev/null || true)
  if [ -n "$e" ] && [ "$e" -ge 5 ]; then pkill -9 -f "out $W/b"; echo "killed after the checkpoint of epoch $e"; break; fi
done
ref --methods pcgrad --seeds 0 --out "$W/b" --dry-run 2>/dev/null | tail -1
ref --methods pcgrad --seeds 0 --out "$W/b" > /dev/null 2>&1
python3 - "$W/a/multifashion/lenet5_pcgrad_param_adam_seed0.json" "$W/b/multifashion/lenet5_pcgrad_param_adam_seed0.json" "$W/b/multifashion/.checkpoints" <<'PY'
import json, os, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
strip = lambda log: [{k: v for k, v in e.items() if k != 'seconds'} for e in log]
checks = {
    'resumed bundle says so': bool(b['training'].get('resumedAfterEpochs')),
    'same test metrics': a['evaluation']['measured'] == b['evaluation']['measured'],
    'same training log': strip(a['manifest']['trainingLog']) == strip(b['manifest']['trainingLog']),
    'same convergence facts': a['training']['convergence'] == b['training']['convergence'],
    'no checkpoint left': not os.listdir(sys.argv[3]),
}
for k, v in checks.items():
    print(('ok   ' if v else 'FAIL ') + k)
print('resumed after epochs', b['training'].get('resumedAfterEpochs'), '; metrics', b['evaluation']['measured'])
sys.exit(0 if all(checks.values()) else 1)
PY
echo PASS
