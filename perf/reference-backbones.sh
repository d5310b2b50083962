#!/usr/bin/env bash
# Resumable reference sweep of MultiFashion on the narrow ResNet and MobileNet-like backbones under
# protocols mf-resnet-narrow-v2 and mf-mobilenet-like-v2 (benchmarks-data/multifashion/
# reference-protocols.json): the Adam lr sweep of single-task and EW, then single-task, EW, MGDA,
# PCGrad, CAGrad, Nash-MTL and Aligned-MTL at the parameter level, seeds 0-2, so that the
# backbone × backbone agreement of the Δm ranking compares six methods. Every part skips the runs
# whose bundle already exists with the same protocol hash and lr; stop and start it at any time.
#
#   perf/reference-backbones.sh            # from the repository root, after `mvn -B package -DskipTests`
#   APP=/path/to/quarkus-run.jar BACKBONES=resnet-narrow perf/reference-backbones.sh
#
# Bundles go to benchmarks-data/reference/multifashion/ (lr-sweep runs to its lr-sweep/ subfolder);
# progress with an ETA goes to standard error, one line per finished run to standard output. One
# libtorch thread, lowest CPU priority: the machine is shared.
# DRY_RUN=1 lists what each part would train and what is done, without training (a part whose
# lr sweep is not complete shows its rates marked provisional). A pause requested by
# perf/pause-sweeps.sh ends the script with status 75 after the running epoch's checkpoint.
set -u
cd "$(dirname "$0")/.."
. perf/sweep-common.sh
APP=${APP:-target/quarkus-app/quarkus-run.jar}
BACKBONES=${BACKBONES:-resnet-narrow mobilenet-like}
part() {
  local backbone=$1
  shift
  echo "=== $(date -u +%FT%TZ) $backbone part: $*"
  nice -n 19 java -Xmx3g -jar "$APP" reference --benchmark multifashion --protocol "mf-$backbone-v2" \
    --workers 1 --threads 1 --out benchmarks-data/reference --benchmarks-dir benchmarks-data --data-dir data ${DRY_RUN:+--dry-run} "$@"
  paused_or $?
}
METHODS=stl,ew,mgda,pcgrad,cagrad,nash-mtl,aligned-mtl
for b in $BACKBONES; do
  part "$b" --lr-sweep --methods stl,ew --optimizers adam
done
for seed in 0 1 2; do
  for b in $BACKBONES; do
    part "$b" --methods $METHODS --levels param --optimizers adam --seeds "$seed"
  done
done
echo "=== $(date -u +%FT%TZ) sweep complete"
