#!/bin/sh
# SPDX-License-Identifier: MIT
# kg: open IE on the CaRB dev set: F1, precision, recall, AUC and speed.
#
#   sh bench/carb.sh [KG [OUTDIR]]     (defaults: build/kg, build)
#
# Writes OUTDIR/carb-dev.tsv (kg --sentences -f carb), scores it with
# ../shared/tools/carb_score.py and measures sentences per second on the
# dev sentences repeated 10 times (one process, so the model load counts
# once).  Skips with exit 0 when ../shared is not there.
set -eu
KG=${1:-build/kg}
OUT=${2:-build}
SHARED=../shared
DEV=$SHARED/data/carb/dev.txt
GOLD=$SHARED/data/carb/dev-gold.tsv
SCORER=$SHARED/tools/carb_score.py
PYTHON=${PYTHON:-python3}

if [ ! -f "$DEV" ] || [ ! -f "$GOLD" ] || [ ! -f "$SCORER" ]; then
    echo "eval-carb: $SHARED/data/carb not found, skipping"
    exit 0
fi
mkdir -p "$OUT"
"$KG" --sentences -f carb "$DEV" > "$OUT/carb-dev.tsv"
echo "CaRB dev ($(wc -l < "$DEV") sentences, $(wc -l < "$OUT/carb-dev.tsv") tuples):"
"$PYTHON" "$SCORER" --gold "$GOLD" --system "$OUT/carb-dev.tsv" | sed 's/^/  /'

# speed: the dev sentences 10 times over
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$DEV"; done > "$OUT/carb-speed.txt"
# CPU time of the child (user + system) as well as wall time: the build
# machine is shared, so the CPU figure is the one that means one core.
"$PYTHON" - "$KG" "$OUT/carb-speed.txt" <<'PY'
import resource, subprocess, sys, time
n = sum(1 for _ in open(sys.argv[2], encoding="utf-8"))
t = time.time()
subprocess.run([sys.argv[1], "--sentences", "-f", "carb", sys.argv[2]],
               stdout=subprocess.DEVNULL, check=True)
wall = time.time() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
print("  speed: %d sentences, %.2f s CPU (%.0f sentences/s on one core), "
      "%.2f s wall (%.0f/s); tokenise, tag, parse, extract, model load"
      % (n, cpu, n / cpu, wall, n / wall))
PY
rm -f "$OUT/carb-speed.txt"
