#!/usr/bin/env bash
# Resumable reference sweep of FashionScenes (encoder–decoder) under protocol fs-encoder-decoder-v2
# (benchmarks-data/fashionscenes/reference-protocols.json): the Adam lr sweep of single-task and EW,
# then single-task, EW, MGDA, PCGrad, CAGrad, Nash-MTL, Aligned-MTL and DB-MTL at the parameter
# level, seed by seed (0, 1, 2). Every part skips the runs whose bundle already exists with the same
# protocol hash and lr; stop and start it at any time.
#
#   perf/reference-fashionscenes.sh            # from the repository root, after `mvn -B package -DskipTests`
#   APP=/path/to/quarkus-run.jar SEEDS="1 2" perf/reference-fashionscenes.sh
#
# Two processes can share the work when their parts are disjoint, e.g. SEEDS=1 in one and SEEDS=2
# in the other once the lr sweep is done. Bundles go to benchmarks-data/reference/fashionscenes/
# (lr-sweep runs to its lr-sweep/ subfolder); progress with an ETA goes to standard error, one line
# per finished run to standard output. One libtorch thread, lowest CPU priority: the machine is
# shared.
set -u
cd "$(dirname "$0")/.."
APP=${APP:-target/quarkus-app/quarkus-run.jar}
SEEDS=${SEEDS:-0 1 2}
PROTOCOL=${PROTOCOL:-fs-encoder-decoder-v2}
part() {
  echo "=== $(date -u +%FT%TZ) part: $*"
  nice -n 19 java -Xmx3g -jar "$APP" reference --benchmark fashionscenes --protocol "$PROTOCOL" \
    --workers 1 --threads 1 --out benchmarks-data/reference --benchmarks-dir benchmarks-data --data-dir data "$@"
}
part --lr-sweep --methods stl,ew --optimizers adam
for seed in $SEEDS; do
  part --methods stl,ew,mgda,pcgrad,cagrad,nash-mtl,aligned-mtl,db-mtl --levels param --optimizers adam \
    --seeds "$seed"
done
echo "=== $(date -u +%FT%TZ) sweep complete"
