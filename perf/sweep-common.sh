# Sourced by perf/reference-*.sh. `paused_or $?` right after a `reference` command: status 75 means
# a pause was requested (perf/pause-sweeps.sh) and the run in progress stopped after its checkpoint,
# so the script stops here instead of going on to its next part; any other status is returned.
paused_or() {
  local rc=$1
  if [ "$rc" = 75 ]; then
    echo "=== $(date -u +%FT%TZ) paused"
    exit 75
  fi
  return "$rc"
}
