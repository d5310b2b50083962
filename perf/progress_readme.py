#!/usr/bin/env python3
"""Rewrites the "### Protocols in progress" section of perf/README.md from the bundles:
python3 perf/progress_readme.py fs-encoder-decoder-v2:fashionscenes mf-mobilenet-like-v2:multifashion ...
Each argument is <protocol-id>:<benchmark>; the tables are those of perf/reference_progress.py. The
section runs from its heading to the paragraph that starts "Other compute of this study"."""
import datetime
import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
readme = os.path.join(here, "README.md")
pairs = [a.split(":") for a in sys.argv[1:]]
if not pairs or any(len(p) != 2 for p in pairs):
    sys.exit(__doc__)
now = datetime.datetime.now(datetime.timezone.utc)
ids = " and ".join("`%s`" % p for p, _ in pairs)
dry = " and ".join(
    "`DRY_RUN=1 %s`" % ("perf/reference-fashionscenes.sh" if b == "fashionscenes"
                        else "BACKBONES=%s perf/reference-backbones.sh" % p.split("-v")[0].split("mf-", 1)[1])
    for p, b in pairs)
parts = ["### Protocols in progress: %s\n" % ids,
         "Status at %s UTC on %s (`python3 perf/reference_progress.py <protocol> <benchmark>` prints these "
         "tables from the bundles, `python3 perf/progress_readme.py` rewrites this section; %s list what "
         "each part still has to train).\n" % (now.strftime("%H:%M"), now.strftime("%Y-%m-%d"), dry)]
for protocol, benchmark in pairs:
    table = subprocess.run([sys.executable, os.path.join(here, "reference_progress.py"), protocol, benchmark],
                           check=True, capture_output=True, text=True).stdout.strip()
    parts.append("`%s` (%s):\n\n%s\n" % (protocol, benchmark, table))
with open(readme) as f:
    text = f.read()
start = text.index("### Protocols in progress")
end = text.index("Other compute of this study", start)
text = text[:start] + "\n".join(parts) + "\n" + text[end:]
with open(readme, "w") as f:
    f.write(text)
print("rewrote %s: %s" % (os.path.relpath(readme), ids))
