#!/bin/sh
# SPDX-License-Identifier: MIT
# Entity and relation F1 on the development splits of DWIE (news) and
# Re-DocRED (Wikipedia), scored by ../shared/tools/kg_eval.py: one
# `kg -f ntriples` output per article.  Skips (exit 0) without ../shared.
#   sh bench/kg_eval.sh [KG]
set -eu
KG=${1:-build/kg}
SHARED=${SHARED:-../shared}
OUT=${BUILD:-build}/eval
if [ ! -f "$SHARED/tools/kg_eval.py" ] || [ ! -f "$SHARED/data/dwie/dev.json" ]; then
    echo "eval-kg: $SHARED not found, skipping"
    exit 0
fi
for ds in dwie redocred; do
    case $ds in
    dwie) gold=$SHARED/data/dwie/dev.json ;;
    redocred) gold=$SHARED/data/redocred/dev_revised.json ;;
    esac
    rm -rf "$OUT/$ds" "$OUT/$ds-out"
    python3 "$SHARED/tools/make_articles.py" "$gold" "$OUT/$ds" > /dev/null
    "$KG" -q -f ntriples --output-dir "$OUT/$ds-out" "$OUT/$ds"
    echo "$ds dev:"
    python3 "$SHARED/tools/kg_eval.py" --gold "$gold" --dataset "$ds" --pred "$OUT/$ds-out" \
        --ontology ontology > "$OUT/$ds.report"
    grep -E '^  (typed  |all )' "$OUT/$ds.report" | sed 's/^/  /'
    tail -n 2 "$OUT/$ds.report" | sed 's/^/  /'
done
