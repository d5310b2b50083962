#!/usr/bin/env bash
# The loss-scale study of Elich et al. §4.1 on MultiFashion × LeNet-5: EW with the left task's loss
# ×10 and the right task's ×0.1 against unscaled losses, with Adam and with SGD (momentum 0.9), the
# encoder frozen at its initialization or trained. Short schedule (3 epochs on 10,240 training
# images): the study is about the size of each head's updates, logged per epoch as headUpdates.
# Bundles go to benchmarks-data/reference/multifashion/loss-scale/ (not imported as rows).
set -u
cd "$(dirname "$0")/.."
APP=${APP:-target/quarkus-app/quarkus-run.jar}
for frozen in "--freeze-encoder" ""; do
  for scales in "left=10,right=0.1" "left=1,right=1"; do
    nice -n 19 java -jar "$APP" reference --benchmark multifashion --methods ew --optimizers adam,sgd --seeds 0 \
      --epochs 3 --train-samples 10240 --val-samples 2000 --batch-size 256 --lr adam=0.001,sgd=0.01 \
      --no-diagnostics --workers 1 --threads 1 --skip-existing --loss-scales "$scales" $frozen \
      --out benchmarks-data/reference --benchmarks-dir benchmarks-data --data-dir data
  done
done
