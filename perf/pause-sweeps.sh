#!/usr/bin/env bash
# Pauses every reference sweep of this checkout at its next checkpoint, so that a session can end
# without losing more than nothing: it creates the pause file benchmarks-data/reference/.pause, which
# every `reference` process checks right after writing an epoch's checkpoint (and before starting a
# run); a process that sees it stops there and exits with status 75, and the perf/reference-*.sh
# scripts stop on that status instead of going on to their next part. Once no `reference` process
# is left, the script removes the pause file and stages the checkpoint folders with `git add -f`
# (GIT_ADD=0 leaves git alone), so that a commit carries the unfinished runs to the next machine;
# there, once the runs are started again, untrack them (perf/README.md, "How to run and resume").
#
#   perf/pause-sweeps.sh                 # from the repository root; waits at most TIMEOUT s (3600)
#
# A FashionScenes epoch takes one to five minutes, a LeNet-5 epoch well under one.
set -u
cd "$(dirname "$0")/.."
OUT=${OUT:-benchmarks-data/reference}
TIMEOUT=${TIMEOUT:-3600}
PATTERN='quarkus-run.jar reference'
mkdir -p "$OUT"
touch "$OUT/.pause"
echo "pause requested ($OUT/.pause): waiting for the reference processes to stop after their next checkpoint"
start=$(date +%s)
while pgrep -f "$PATTERN" > /dev/null; do
  waited=$(( $(date +%s) - start ))
  if [ "$waited" -gt "$TIMEOUT" ]; then
    echo "still running after ${TIMEOUT} s (the pause file stays):" >&2
    pgrep -af "$PATTERN" >&2
    exit 1
  fi
  sleep 5
done
rm -f "$OUT/.pause"
echo "no reference process left after $(( $(date +%s) - start )) s"
found=0
while IFS= read -r state; do
  dir=$(dirname "$state")
  echo "checkpoint: $dir (after epoch $(sed -n 's/.*"epoch":\([0-9]*\).*/\1/p' "$state"))"
  if [ "${GIT_ADD:-1}" = 1 ]; then
    git add -f "$dir"
  fi
  found=$((found + 1))
done < <(find "$OUT" -path '*/.checkpoints/*/state.json' | sort)
if [ "$found" = 0 ]; then
  echo "no checkpoint to carry"
elif [ "${GIT_ADD:-1}" = 1 ]; then
  echo "$found checkpoint folder(s) staged: commit them to resume the runs on another machine"
fi
