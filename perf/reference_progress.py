#!/usr/bin/env python3
"""Lists the reference bundles of a protocol (lr-sweep runs included) with their wall times and
convergence facts, and sums the compute: python3 perf/reference_progress.py [protocol-id] [benchmark]."""
import glob
import json
import os
import sys

protocol = sys.argv[1] if len(sys.argv) > 1 else "mf-lenet5-v2"
benchmark = sys.argv[2] if len(sys.argv) > 2 else "multifashion"
root = os.path.join(os.path.dirname(__file__), "..", "benchmarks-data", "reference", benchmark)
rows = []
for path in sorted(glob.glob(os.path.join(root, "*.json")) + glob.glob(os.path.join(root, "lr-sweep", "*.json"))):
    with open(path) as f:
        bundle = json.load(f)
    if bundle.get("protocol", {}).get("id") != protocol:
        continue
    m = bundle["manifest"]
    t = bundle["training"]
    c = t.get("convergence", {})
    changes = " / ".join("%+.2f" % v["change"] for v in c.get("tasks", {}).values() if "change" in v)
    epochs = " / ".join(str(e) for e in c.get("checkpointEpoch", {}).values())
    diagnostics = bundle["evaluation"].get("diagnostics")
    # a run reused from the lr sweep was trained (and counted) once, as the sweep's run
    reused = "reusedFrom" in t
    rows.append((os.path.basename(path)[:-5] + (" (reused: %s)" % t["reusedFrom"] if reused else ""),
                 "lr-sweep" in path, m["hyperParameters"]["lr"], 0 if reused else t["seconds"],
                 0 if reused else bundle["evaluation"]["seconds"] + (diagnostics or {}).get("seconds", 0),
                 c.get("converged"), changes, epochs, " / ".join("%.2f" % v for v in m["claims"].values())))
print("| run | lr | train s | eval + diagnostics s | converged | last-two-epoch change (points) | checkpoint epoch | test |")
print("|---|---|---|---|---|---|---|---|")
for name, sweep, lr, train, evaluation, converged, changes, epochs, test in rows:
    print("| %s%s | %g | %.0f | %.0f | %s | %s | %s | %s |" % (name, " (lr sweep)" if sweep else "", lr, train,
                                                           evaluation, converged, changes, epochs, test))
total = sum(r[3] + r[4] for r in rows)
print()
print("%d runs, %.1f h of training and evaluation (%.0f s)." % (len(rows), total / 3600, total))
