#!/usr/bin/env bash
# Resume drill of the reference CLI: trains one PCGrad run of a short drill protocol (MultiFashion's
# shipped 2,000-image subset, 20 epochs) three times — once straight through, once killed with
# SIGKILL after its checkpoint of epoch 5 and started again, once paused through the pause file
# (perf/pause-sweeps.sh) after epoch 3, which must end the process with status 75 right after a
# checkpoint, and started again — and checks that each resumed bundle says so and has the same test
# metrics, training log (but for wall times) and convergence facts, and that no checkpoint is left
# behind; and that EW's protocol run at seed 0, which reuses the lr sweep's run at the chosen rate,
# is what training it afresh (--force) gives. Needs `mvn -B package -DskipTests` first; about two
# minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=${APP:-target/quarkus-app/quarkus-run.jar}
W=$(mktemp -d)
trap 'pkill -9 -f "out $W/[bc]" || true; rm -rf "$W"' EXIT
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
cp -r "$W/a" "$W/c"
cp -r "$W/a" "$W/d"
# the reuse: EW at seed 0 and the chosen rate is the sweep's run; trained afresh (--force) it must agree
ref --methods ew --seeds 0 --out "$W/a" | grep -o "reused: the lr sweep's run .*" || true
ref --methods ew --seeds 0 --out "$W/d" --force > /dev/null 2>&1
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
# the pause: requested once the checkpoint of epoch 3 is written; the process must stop by itself
PAUSED="$W/c/multifashion/.checkpoints/lenet5_pcgrad_param_adam_seed0/state.json"
ref --methods pcgrad --seeds 0 --out "$W/c" > "$W/c.out" 2>&1 &
PID=$!
for _ in $(seq 1 1500); do
  sleep 0.2
  e=$(python3 -c "import json;print(json.load(open('$PAUSED'))['epoch'])" 2>/dev/null || true)
  if [ -n "$e" ] && [ "$e" -ge 3 ]; then touch "$W/c/.pause"; echo "pause requested after the checkpoint of epoch $e"; break; fi
done
RC=0
wait "$PID" || RC=$?
PAUSED_AT=$(python3 -c "import json;print(json.load(open('$PAUSED'))['epoch'])")
echo "process ended with status $RC; checkpoint after epoch $PAUSED_AT; $(grep -o 'paused after epoch [0-9]*' "$W/c.out" | head -1)"
rm "$W/c/.pause"
ref --methods pcgrad --seeds 0 --out "$W/c" > /dev/null 2>&1
python3 - "$W/a/multifashion/lenet5_pcgrad_param_adam_seed0.json" "$RC" \
  "$W/b/multifashion/lenet5_pcgrad_param_adam_seed0.json" "$W/b/multifashion/.checkpoints" \
  "$W/c/multifashion/lenet5_pcgrad_param_adam_seed0.json" "$W/c/multifashion/.checkpoints" \
  "$W/a/multifashion/lenet5_ew_param_adam_seed0.json" "$W/d/multifashion/lenet5_ew_param_adam_seed0.json" <<'PY'
import json, os, sys
a = json.load(open(sys.argv[1]))
strip = lambda log: [{k: v for k, v in e.items() if k != 'seconds'} for e in log]
checks = {'paused process exits with status 75': sys.argv[2] == '75'}
reused, fresh = json.load(open(sys.argv[7])), json.load(open(sys.argv[8]))
checks.update({
    'reuse: bundle names the sweep run': reused['training'].get('reusedFrom') == 'lr-sweep/lenet5_ew_param_adam_seed0_lr0.001.json',
    'reuse: fresh training has the same test metrics': reused['evaluation']['measured'] == fresh['evaluation']['measured'],
    'reuse: fresh training has the same training log': strip(reused['manifest']['trainingLog']) == strip(fresh['manifest']['trainingLog']),
})
print('reused EW', reused['evaluation']['measured'], '; trained afresh', fresh['evaluation']['measured'])
for name, bundle, checkpoints in (('killed', sys.argv[3], sys.argv[4]), ('paused', sys.argv[5], sys.argv[6])):
    b = json.load(open(bundle))
    checks.update({
        name + ': resumed bundle says so': bool(b['training'].get('resumedAfterEpochs')),
        name + ': same test metrics': a['evaluation']['measured'] == b['evaluation']['measured'],
        name + ': same training log': strip(a['manifest']['trainingLog']) == strip(b['manifest']['trainingLog']),
        name + ': same convergence facts': a['training']['convergence'] == b['training']['convergence'],
        name + ': no checkpoint left': not os.listdir(checkpoints),
    })
    print(name, 'resumed after epochs', b['training'].get('resumedAfterEpochs'), '; metrics', b['evaluation']['measured'])
for k, v in checks.items():
    print(('ok   ' if v else 'FAIL ') + k)
sys.exit(0 if all(checks.values()) else 1)
PY
echo PASS
