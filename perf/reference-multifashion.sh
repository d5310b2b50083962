#!/usr/bin/env bash
# Resumable reference sweep of MultiFashion × LeNet-5 under protocol mf-lenet5-v2
# (benchmarks-data/multifashion/reference-protocols.json). Every part skips the runs whose bundle
# already exists with the same protocol hash and lr, so the script can be stopped at any time and
# started again; it runs the parts in order of how informative they are.
#
#   perf/reference-multifashion.sh            # from the repository root, after `mvn -B package -DskipTests`
#   APP=/path/to/quarkus-run.jar perf/reference-multifashion.sh
#
# Bundles go to benchmarks-data/reference/multifashion/ (lr-sweep runs to its lr-sweep/ subfolder,
# which the portal does not import); progress with an ETA goes to standard error, one line per
# finished run to standard output. One libtorch thread, lowest CPU priority: the machine is shared.
# DRY_RUN=1 lists what each part would train and what is done, without training (a part whose
# lr sweep is not complete shows its rates marked provisional). A pause requested by
# perf/pause-sweeps.sh ends the script with status 75 after the running epoch's checkpoint.
set -u
cd "$(dirname "$0")/.."
. perf/sweep-common.sh
APP=${APP:-target/quarkus-app/quarkus-run.jar}
part() {
  echo "=== $(date -u +%FT%TZ) part: $*"
  nice -n 19 java -Xmx3g -jar "$APP" reference --benchmark multifashion --protocol mf-lenet5-v2 \
    --workers 1 --threads 1 --out benchmarks-data/reference --benchmarks-dir benchmarks-data --data-dir data ${DRY_RUN:+--dry-run} "$@"
  paused_or $?
}
PRIORITY=stl,ew,mgda,pcgrad,cagrad,aligned-mtl
REST=imtl,nash-mtl,gradvac,graddrop,imtl-g,db-mtl,moco,gradnorm,uw,dwa,rlw,gls,imtl-l,famo
SGD=stl,ew,mgda,pcgrad,cagrad,imtl,aligned-mtl
BOTH=param,feature

part --lr-sweep --methods stl,ew --optimizers adam
part --methods $PRIORITY --levels $BOTH --optimizers adam --seeds 0
part --lr-sweep --methods stl,ew --optimizers sgd
part --lr-sweep --methods db-mtl,moco --optimizers adam
part --methods $SGD --levels param --optimizers sgd --seeds 0
part --methods $PRIORITY --levels $BOTH --optimizers adam --seeds 1
part --methods $REST --levels $BOTH --optimizers adam --seeds 0
part --methods $REST --levels $BOTH --optimizers adam --seeds 1
part --methods $PRIORITY,$REST --levels $BOTH --optimizers adam --seeds 2
part --methods $SGD --levels param --optimizers sgd --seeds 1,2
part --methods stl,ew --optimizers adam,sgd --seeds 3,4
echo "=== $(date -u +%FT%TZ) sweep complete"
