#!/usr/bin/env bash
# Resumable reference sweep of FashionScenes on the encoder–decoder under protocol
# fs-encoder-decoder-v2 (benchmarks-data/fashionscenes/reference-protocols.json): the Adam lr sweep
# of single-task, EW and DB-MTL (three rates each, seed 0), then single-task, EW, MGDA, PCGrad,
# CAGrad, Nash-MTL, Aligned-MTL and DB-MTL at the parameter level, seeds 0-2, then Standley et
# al.'s task-grouping networks under the same protocol (GROUPING=0 leaves them out). Every part skips
# the runs whose bundle already exists with the same protocol hash and lr; stop and start it at
# any time: the run in progress resumes after its last finished epoch from its checkpoint in
# .checkpoints/ (an EW run takes about an hour with a core to itself, single-task about 1.8 hours;
# an epoch is a fortieth of that).
#
#   perf/reference-fashionscenes.sh            # from the repository root, after `mvn -B package -DskipTests`
#   APP=/path/to/quarkus-run.jar METHODS=stl,ew SEEDS="0" perf/reference-fashionscenes.sh
#
# Two processes can share it when their run lists are disjoint, e.g. one with METHODS=stl,mgda,
# pcgrad,cagrad and one with METHODS=ew,nash-mtl,aligned-mtl,db-mtl (the lr sweep part trains
# the swept methods among METHODS). Bundles go to benchmarks-data/reference/fashionscenes/ (lr-sweep
# runs to its lr-sweep/ subfolder); progress with an ETA goes to standard error, one line per
# finished run to standard output. One libtorch thread, lowest CPU priority: the machine is shared.
# DRY_RUN=1 lists what each part would train and what is done, without training (a part whose
# lr sweep is not complete shows its rates marked provisional). A pause requested by
# perf/pause-sweeps.sh ends the script with status 75 after the running epoch's checkpoint.
set -u
cd "$(dirname "$0")/.."
. perf/sweep-common.sh
APP=${APP:-target/quarkus-app/quarkus-run.jar}
METHODS=${METHODS:-stl,ew,mgda,pcgrad,cagrad,nash-mtl,aligned-mtl,db-mtl}
SEEDS=${SEEDS:-0 1 2}
part() {
  echo "=== $(date -u +%FT%TZ) part: $*"
  nice -n 19 java -Xmx4g -jar "$APP" reference --benchmark fashionscenes --protocol fs-encoder-decoder-v2 \
    --workers 1 --threads 1 --out benchmarks-data/reference --benchmarks-dir benchmarks-data --data-dir data ${DRY_RUN:+--dry-run} "$@"
  paused_or $?
}
part --lr-sweep --methods "$METHODS" --optimizers adam || [ -n "${DRY_RUN:-}" ] || exit 1
for seed in $SEEDS; do
  part --methods "$METHODS" --levels param --optimizers adam --seeds "$seed"
done
if [ "${GROUPING:-1}" = 1 ]; then
  part --task-grouping --seeds 0
fi
echo "=== $(date -u +%FT%TZ) sweep complete"
